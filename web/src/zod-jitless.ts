// The Content-Security-Policy (api/plugins/security-headers.ts) allows no eval. zod compiles its
// object parsers with `new Function` when it may, and probes for that with `new Function('')` as
// soon as a schema is built: the browser reports the probe as a violation even though zod catches
// it. jitless turns both off; this module is main.ts's first import, so it runs before any module
// that builds a schema (ES modules run in the order they are imported).
import { z } from 'zod';

z.config({ jitless: true });
