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
    sso: {
      or: '或者',
      oidc: '统一身份认证登录',
      cas: '统一身份认证登录（CAS）',
      ldap: '可使用医院统一账号（域账号）的用户名和密码登录。',
      errors: {
        notLinked: '您的统一身份尚未关联本系统的账号：请联系管理员关联（pnpm user:link）。',
        refused: '登录被拒绝：该账号已停用，请联系系统管理员。',
        locked: '登录失败次数过多，已暂时锁定：请稍后再试，或请管理员解锁。',
        invalidState: '登录请求已失效或不是从本浏览器发起的：请重新点击统一身份认证登录。',
        rejected: '统一身份认证的应答未通过校验（票据或令牌无效、已用过或已过期）：请重新登录。',
        providerError: '统一身份认证平台拒绝了登录或出错：请重试，或联系管理员。',
        unavailable: '暂时无法连接统一身份认证平台：请稍后再试，或使用账号密码登录。',
        notConfigured: '本系统未启用该统一身份认证方式。',
      },
    },
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
    sso: {
      or: 'or',
      oidc: 'Sign in with SSO',
      cas: 'Sign in with SSO (CAS)',
      ldap: 'You can sign in with the username and password of your hospital (domain) account.',
      errors: {
        notLinked:
          'Your single sign-on identity is not linked to an account of the hub: ask your administrator to link it (pnpm user:link).',
        refused: 'Sign-in refused: this account is disabled. Ask the system administrator.',
        locked: 'Too many failed sign-ins: locked for now. Try again later, or ask an administrator to unlock.',
        invalidState: 'This sign-in has expired or was not started in this browser: click “Sign in with SSO” again.',
        rejected: 'The single sign-on answer did not pass its checks (a ticket or token invalid, used or expired): sign in again.',
        providerError: 'The single sign-on service refused the sign-in or failed: try again, or ask your administrator.',
        unavailable: 'The single sign-on service cannot be reached now: try again later, or sign in with a username and password.',
        notConfigured: 'This way of single sign-on is not enabled on the hub.',
      },
    },
  },
);
