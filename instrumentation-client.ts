/**
 * Runs in the browser before the app becomes interactive. Zod 4 probes `new Function('')` once to
 * decide whether it may compile schemas; under the app's Content-Security-Policy (no
 * 'unsafe-eval', see proxy.ts) that probe is refused and reported as a violation. Telling zod up
 * front that eval is off keeps the browser's console clean and the behaviour the same.
 */
import { z } from 'zod';

z.config({ jitless: true });
