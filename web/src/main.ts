// First: zod set up for the Content-Security-Policy before any module defines a schema.
import './zod-jitless.ts';
import '@gouvfr/dsfr/dist/dsfr.main.min.css';
import '@gouvminint/vue-dsfr/styles';
import './styles/icons.css';
import './styles/app.css';

import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n.ts';
import { router } from './router.ts';
import { useConfigStore } from './stores/config.ts';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(router);
void useConfigStore().load();
app.mount('#app');
