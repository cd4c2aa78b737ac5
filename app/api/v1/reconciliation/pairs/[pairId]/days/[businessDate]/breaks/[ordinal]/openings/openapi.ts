// The OpenAPI description of GET and POST /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks/{ordinal}/openings (route.ts beside it).
import { authErrors, idParameter, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { breakOpeningsSchema, openingsBodySchema } from '@/lib/reconciliation/blind-openings';

const parameters = [
  idParameter('pairId', 'Co-lending pair id (UUID).'),
  idParameter('businessDate', 'Business date, YYYY-MM-DD.'),
  idParameter('ordinal', 'The break’s position in the day’s break list (0-based).'),
];

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks/{ordinal}/openings': {
      get: {
        tags: ['Reconciliation'],
        operationId: 'listReconciliationBreakOpenings',
        summary: 'Both banks’ openings of a blind day’s field-mismatch break',
        description:
          'The values and salts each bank disclosed for the break’s differing fields (docs/reconciliation-format.md §14.3), and ' +
          '`withinRuleOnOpening`: a tolerance rule of the pair that the opened values satisfy, a note for the sign-off (the signed ' +
          'statement does not change).',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters,
        responses: {
          '200': json('ReconciliationBreakOpenings', 'The break’s openings.'),
          '400': problemResponse('The date is not YYYY-MM-DD.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it, or no such break.'),
          '409': problemResponse('The statement is not drafted yet.'),
        },
      },
      post: {
        tags: ['Reconciliation'],
        operationId: 'openReconciliationBreakFields',
        summary: 'Open fields of a blind day’s field-mismatch break',
        description:
          'Blind pairs only. Your bank discloses, for the break’s key, the canonical value and the salt of one or more differing fields ' +
          '(`npm run reconciliation:blind -- … --open <key> --fields <…>` makes this body). Evident checks that leafHash(salt ‖ value) is ' +
          'your side’s stored commitment of the field and refuses a wrong one whole (422, nothing stored). Accepted openings are audited, ' +
          'shown to both banks, and carried by the break’s certificate once both banks opened the same field. Sending an accepted opening ' +
          'again changes nothing. Answers the break’s openings.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters,
        requestBody: { required: true, content: { 'application/json': { schema: schemaOf(openingsBodySchema, 'input') } } },
        responses: {
          '200': json('ReconciliationBreakOpenings', 'The break’s openings, yours included.'),
          '400': problemResponse('The body is not the JSON described; the pair is not blind; the break is not a field mismatch, has another key, or the field does not differ on it; a value not in its canonical form.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it, or no such break.'),
          '409': problemResponse('The statement is not drafted yet.'),
          '413': problemResponse('The body is larger than 16 KiB.'),
          '422': problemResponse('An opening does not reproduce your side’s commitment of the field.'),
        },
      },
    },
  },
  schemas: { ReconciliationBreakOpenings: schemaOf(breakOpeningsSchema) },
};
