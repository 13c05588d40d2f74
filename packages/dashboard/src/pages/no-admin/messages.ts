import { definePageMessages } from '../../i18n.ts';

definePageMessages(
  'noAdmin',
  {
    title: '尚未设置系统管理员',
    intro:
      '本系统的数据库中还没有系统管理员账号。创建第一个系统管理员之前，任何人都无法登录和查看数据。请由负责服务器的人员用以下任一方式创建：',
    cliTitle: '方式一：在服务器上运行命令',
    cli: '在本系统的安装目录中运行（NAME 换成管理员的用户名）。命令会显示一次性的初始密码，首次登录时须修改：',
    setupTitle: '方式二：在服务器本机打开设置页',
    setup:
      '在运行本系统的那台服务器上，用浏览器打开本系统的 /setup 页面（例如 http://localhost:端口/setup）。出于安全考虑，该页面只接受来自服务器本机的访问，在其他电脑上打开会被拒绝。',
    setupLink: '打开设置页',
    retry: '已创建，重新检查',
    checking: '正在检查…',
    still: '仍未找到系统管理员，请确认已创建后再试。',
  },
  {
    title: 'No administrator yet',
    intro:
      'The hub’s database has no administrator account yet. Until the first administrator is created, nobody can sign in or see any data. Whoever runs the server creates one in either of two ways:',
    cliTitle: 'One: run a command on the server',
    cli: 'In the hub’s installation directory, run (NAME being the administrator’s username). It prints a one-time password, to be changed at the first sign-in:',
    setupTitle: 'Two: open the setup page on the server itself',
    setup:
      'On the machine the hub runs on, open the hub’s /setup page in a browser (for example http://localhost:PORT/setup). For safety it answers only there: opened from another computer it is refused.',
    setupLink: 'Open the setup page',
    retry: 'Created: check again',
    checking: 'Checking…',
    still: 'There is still no administrator: create one, then try again.',
  },
);
