import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n.ts';
import { router } from './router.ts';
import { installSession } from './state/session.ts';
import './styles.css';

document.documentElement.lang = i18n.global.locale.value;
installSession(router);
const app = createApp(App).use(i18n).use(router);
// Drawn once the first page is known (its guard has asked who is signed in): a signed-out visitor never sees the
// shell of a data page, nor does it ask the hub for the organisation tree.
void router
  .isReady()
  .catch(() => undefined)
  .then(() => app.mount('#app'));
