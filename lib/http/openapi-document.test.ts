import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi-document';
import { json, type RouteApiDescription } from './openapi-toolkit';

const liveness: RouteApiDescription = {
  paths: { '/live': { get: { tags: ['Health'], operationId: 'getLive', summary: 'Live', security: [], responses: { '200': json('Live', 'Up.') } } } },
  schemas: { Live: { type: 'object' } },
};
const ready: RouteApiDescription = {
  paths: { '/ready': { get: { tags: ['Health'], operationId: 'getReady', summary: 'Ready', responses: { '200': json('Problem', 'Not really.') } } } },
};

describe('buildOpenApiDocument', () => {
  it("puts the routes' paths in the order given and their schemas beside the shared ones", () => {
    const document = buildOpenApiDocument({ serverUrl: 'https://evident.example', routes: [ready, liveness] }) as {
      servers: Array<{ url: string }>;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.servers).toEqual([{ url: 'https://evident.example' }]);
    expect(Object.keys(document.paths)).toEqual(['/ready', '/live']);
    expect(Object.keys(document.components.schemas).sort()).toEqual(['Certificate', 'IngestResponse', 'Live', 'Problem']);
  });

  it('refuses a path or a schema described twice', () => {
    expect(() => buildOpenApiDocument({ serverUrl: 'https://evident.example', routes: [liveness, liveness] })).toThrow(
      'The OpenAPI path /live is described twice.',
    );
    const problemAgain: RouteApiDescription = { paths: {}, schemas: { Problem: {} } };
    expect(() => buildOpenApiDocument({ serverUrl: 'https://evident.example', routes: [problemAgain] })).toThrow(
      'The OpenAPI component schema Problem is defined twice.',
    );
  });
});
