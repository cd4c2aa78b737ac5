#!/usr/bin/env node
// `npx evident-verify`: the independent verifier. Runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./evident-verify.ts');
