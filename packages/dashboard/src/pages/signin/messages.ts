import { definePageMessages } from '../../i18n.ts';

definePageMessages(
  'signin',
  {
    title: '登录',
    intro: '请用您的党建数据枢纽账号登录。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    required: '请输入用户名和密码',
    help: '忘记密码或账号被锁定时，请联系系统管理员。',
  },
  {
    title: 'Sign in',
    intro: 'Sign in with your party-building data hub account.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    required: 'Enter your username and password',
    help: 'Forgot your password, or locked out? Ask the system administrator.',
  },
);
