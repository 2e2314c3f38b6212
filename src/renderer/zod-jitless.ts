import { z } from 'zod';

// The page's Content-Security-Policy forbids eval. Unless told not to, zod probes for it with
// `new Function('')` when the first object schema is built, and the browser reports that as a
// CSP violation on every load even though zod catches the refusal. This module must be
// imported before any module that builds a schema.
z.config({ jitless: true });
