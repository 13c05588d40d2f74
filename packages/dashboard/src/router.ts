/** The dashboard's pages: fixed paths so links can be shared and tested; each page is its own chunk. */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { NO_ADMIN_PATH, PASSWORD_PATH, SIGN_IN_PATH, TOKENS_PATH } from './api/auth.ts';

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'overview', component: () => import('./pages/overview/OverviewPage.vue') },
  { path: '/indicators/:id', name: 'indicator', component: () => import('./pages/indicator/IndicatorPage.vue'), props: true },
  { path: '/branches', name: 'branches', component: () => import('./pages/branches/BranchesPage.vue') },
  { path: '/branches/:id', name: 'branch', component: () => import('./pages/branches/BranchPage.vue'), props: true },
  { path: '/organization-life', name: 'orgLife', component: () => import('./pages/org-life/OrgLifePage.vue') },
  { path: '/development', name: 'development', component: () => import('./pages/development/DevelopmentPage.vue') },
  { path: '/satisfaction', name: 'satisfaction', component: () => import('./pages/satisfaction/SatisfactionPage.vue') },
  { path: '/honors', name: 'honors', component: () => import('./pages/honors/HonorsPage.vue') },
  { path: '/meeting', name: 'meeting', component: () => import('./pages/meeting/MeetingPage.vue') },
  // 录入 and 导入: the forms of the roles that write (committee, branch secretary); each says "reads only" to others.
  { path: '/entry', name: 'entryMeeting', component: () => import('./pages/entry/MeetingEntryPage.vue'), meta: { form: true } },
  {
    path: '/entry/development',
    name: 'entryDevelopment',
    component: () => import('./pages/entry/DevelopmentEntryPage.vue'),
    meta: { form: true },
  },
  { path: '/entry/member', name: 'entryMember', component: () => import('./pages/entry/MemberEntryPage.vue'), meta: { form: true } },
  { path: '/entry/metrics', name: 'entryMetrics', component: () => import('./pages/entry/MetricsEntryPage.vue'), meta: { form: true } },
  { path: '/entry/report', name: 'entryReport', component: () => import('./pages/entry/ReportEntryPage.vue'), meta: { form: true } },
  { path: '/import', name: 'import', component: () => import('./pages/import/ImportPage.vue'), meta: { form: true } },
  // The administrator's pages: each says "no permission" itself to an account that may not use it (pages/admin/access.ts).
  { path: '/admin/accounts', name: 'adminAccounts', component: () => import('./pages/admin/AccountsPage.vue'), meta: { admin: true } },
  { path: '/admin/audit', name: 'adminAudit', component: () => import('./pages/admin/AuditPage.vue'), meta: { admin: true } },
  // The session's pages (state/session.ts sends visitors to them): no organisation, period or navigation of their own.
  { path: SIGN_IN_PATH, name: 'signin', component: () => import('./pages/signin/SignInPage.vue'), meta: { access: 'public' } },
  { path: PASSWORD_PATH, name: 'password', component: () => import('./pages/password/PasswordPage.vue'), meta: { access: 'session' } },
  // The account's own page (the account menu): a session free to read, but no organisation or period of its own.
  { path: TOKENS_PATH, name: 'tokens', component: () => import('./pages/tokens/TokensPage.vue'), meta: { own: true } },
  { path: NO_ADMIN_PATH, name: 'noAdmin', component: () => import('./pages/no-admin/NoAdminPage.vue'), meta: { access: 'public' } },
  { path: '/:rest(.*)*', name: 'unknown', redirect: '/' },
];

/** The pages a kiosk cycles through with `?rotate=N` (the ones that stand alone on a wall). */
export const ROTATION = ['/', '/organization-life', '/development', '/satisfaction', '/honors', '/branches'];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  // A link to a part of a page (the attention list opens an indicator at #evidence) scrolls to it; back and
  // forward return where the page was; anything else (a month picked) leaves the scroll alone.
  scrollBehavior: (to, _from, saved) => saved ?? (to.hash ? { el: to.hash, top: 12 } : false),
});
