// The OpenAPI description of GET and POST /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/sign-off (route.ts beside it).
import { authErrors, idParameter, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { signOffBodySchema, signOffRequestSchema, statementViewSchema } from '@/lib/reconciliation/reconciliation-schemas';

const parameters = [idParameter('pairId', 'Co-lending pair id (UUID).'), idParameter('businessDate', 'Business date, YYYY-MM-DD.')];

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/sign-off': {
      get: {
        tags: ['Reconciliation'],
        operationId: 'getReconciliationSignOffRequest',
        summary: 'What your bank signs to sign the day’s statement off',
        description:
          'The EIP-712 typed data `StatementSignOff` for your bank (docs/reconciliation-format.md §11.2): domain (chain and ReconciliationAnchor), ' +
          'the statement hash and both sides; set `message.decision` (1 agreed, 2 disputed) and `message.objectionsHash` (SHA-256 of your ' +
          'objections’ UTF-8 bytes, or 32 zero bytes when agreed), sign with your bank’s own sign-off key, and POST the signature. Also ' +
          'your bank’s registered sign-off address and the sign-offs so far.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters,
        responses: {
          '200': json('ReconciliationSignOffRequest', 'The typed data to sign.'),
          '400': problemResponse('The date is not YYYY-MM-DD.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it, or nothing committed for that date.'),
          '409': problemResponse('The statement is not drafted yet (one side is missing).'),
          '503': problemResponse('No ReconciliationAnchor is recorded for the chain yet.'),
        },
      },
      post: {
        tags: ['Reconciliation'],
        operationId: 'signOffReconciliationStatement',
        summary: 'Sign the day’s statement off: agreed, or disputed with objections',
        description:
          'Your bank’s EIP-712 signature over the typed data GET gives, with the decision and objections it was made over. Accepted once per ' +
          'bank when it is canonical (65 bytes, v 27/28, low s) and recovers to your bank’s registered sign-off address; final. When the ' +
          'second bank signs, Evident countersigns and the statement becomes `agreed` or `disputed`. Answers the statement with its sign-offs.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters,
        requestBody: { required: true, content: { 'application/json': { schema: schemaOf(signOffBodySchema, 'input') } } },
        responses: {
          '200': json('ReconciliationStatement', 'The statement with its sign-offs.'),
          '400': problemResponse('The body is not the JSON described, a dispute without objections, or objections with an agreement.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it, or nothing committed for that date.'),
          '409': problemResponse('Not drafted yet, your bank already signed off, or your bank has no registered sign-off key.'),
          '413': problemResponse('The body is larger than 16 KiB.'),
          '422': problemResponse('The signature is malformed, not canonical, or not by your bank’s registered key over these values.'),
          '503': problemResponse('No ReconciliationAnchor is recorded for the chain yet.'),
        },
      },
    },
  },
  schemas: { ReconciliationSignOffRequest: schemaOf(signOffRequestSchema), ReconciliationStatement: schemaOf(statementViewSchema) },
};
