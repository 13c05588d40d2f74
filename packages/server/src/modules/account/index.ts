/** 账号与登录 / Accounts and sign-in: local accounts, passwords, lockout, sessions. */
import { defineFeature } from '../../graphql/feature.js';
import { Account } from './account.entity.js';
import { AccountResolver } from './account.resolver.js';
import { SignInFailure, SignInLock } from './lockout.entity.js';
import { AccountSession } from './session.entity.js';

export const account = defineFeature({
  name: 'account',
  entities: [Account, AccountSession, SignInFailure, SignInLock],
  lists: [],
  resolvers: [AccountResolver],
});

export { requestAuth } from './request.js';
