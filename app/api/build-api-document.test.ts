// The assembled OpenAPI document: valid, generated from the routes' zod schemas, and in step with the
// route handlers in app/api (each described in the openapi.ts beside it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import type { RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { buildApiDocument, ROUTE_API_DESCRIPTIONS } from './build-api-document';

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = buildApiDocument({ serverUrl: 'https://evident.example' });
    // validate() dereferences in place; give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('describes every public endpoint, requiring the API key where the routes do', () => {
    const document = buildApiDocument({ serverUrl: 'https://evident.example' }) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/health',
      '/api/health/live',
      '/api/health/ready',
      '/api/v1/batches/{id}',
      '/api/v1/cases/{id}/package',
      '/api/v1/certificates/{serial}',
      '/api/v1/certificates/{serial}/pdf',
      '/api/v1/certificates/{serial}/status',
      '/api/v1/evidence',
      '/api/v1/evidence/files',
      '/api/v1/evidence/hashes',
      '/api/v1/evidence/records',
      '/api/v1/evidence/{id}',
      '/api/v1/evidence/{id}/certificate',
      '/api/v1/evidence/{id}/certificate/pdf',
      '/api/v1/evidence/{id}/file',
      '/api/v1/evidence/{id}/receipt',
      '/api/v1/reconciliation/pairs',
      '/api/v1/reconciliation/pairs/{pairId}/days',
      '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}',
      '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks',
      '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks/{ordinal}/certificate',
      '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks/{ordinal}/openings',
      '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/export',
      '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/sign-off',
      '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement',
      '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads',
      '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads/{id}',
      '/api/v1/uploads',
      '/api/v1/uploads/{id}',
      '/api/v1/verify',
    ]);
    // Operations without their own `security` inherit the global API key requirement.
    expect(document.paths['/api/v1/evidence/records'].post.security).toBeUndefined();
    expect(document.paths['/api/v1/evidence'].get.security).toBeUndefined();
    expect(document.paths['/api/v1/verify'].post.security).toEqual([]);
    expect(document.paths['/api/v1/uploads'].options.security).toEqual([]);
    // Evidence by id and uploads take an API key or a portal session, never nobody.
    for (const [path, method] of [
      ['/api/v1/evidence/files', 'post'],
      ['/api/v1/cases/{id}/package', 'get'],
      ['/api/v1/evidence/{id}', 'get'],
      ['/api/v1/evidence/{id}/certificate', 'get'],
      ['/api/v1/evidence/{id}/certificate/pdf', 'get'],
      ['/api/v1/uploads', 'post'],
      ['/api/v1/uploads/{id}', 'head'],
      ['/api/v1/uploads/{id}', 'patch'],
      ['/api/v1/uploads/{id}', 'delete'],
      ['/api/v1/uploads/{id}', 'get'],
      ['/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads', 'post'],
      ['/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads/{id}', 'patch'],
    ] as const) {
      expect(document.paths[path][method].security, path).toEqual([{ apiKey: [] }, { portalSession: [] }]);
    }
  });

  it('documents the upload form fields from the zod schema the upload validates with', () => {
    const document = buildApiDocument({ serverUrl: 'https://evident.example' }) as {
      paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> } }>>;
    };
    const form = document.paths['/api/v1/evidence/files'].post.requestBody.content['multipart/form-data'].schema;
    expect(Object.keys(form.properties).sort()).toEqual(
      ['borrowerEmail', 'borrowerIdNumber', 'borrowerName', 'borrowerPhone', 'borrowerReference', 'confirmSameNameBorrower', 'file', 'loanReference', 'sha256', 'source', 'title', 'type'],
    );
    expect(form.required).toEqual(['file']);
  });

  it('generates the record schema from the zod schema the route validates with', () => {
    const document = buildApiDocument({ serverUrl: 'https://evident.example' }) as {
      components: { schemas: Record<string, { required?: string[]; additionalProperties?: boolean; properties: Record<string, { enum?: string[] }> }> };
    };
    const record = document.components.schemas.RecordInput;
    expect(record.required).toEqual(['type', 'data']);
    expect(record.additionalProperties).toBe(false);
    expect(record.properties.type.enum).toContain('repayment_record');
  });
});

// Every handler in app/api has its operation in the document and every operation its handler;
// these few are left out of the public API's description on purpose (better-auth's own
// app/api/auth is not ours to describe).
const UNDOCUMENTED = [
  'GET app/api/v1/audit/export.csv', // the audit portal's CSV download
  'GET app/api/v1/cases/[id]/reports/[reportId]', // a case's verification report, from the case pages
  'POST app/api/v1/chain-rpc', // the browser verifier's read-only window on the chain
  'GET app/api/v1/openapi.json', // the document itself
];
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function filesNamed(name: string, dir = 'app/api'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return path === 'app/api/auth' ? [] : filesNamed(name, path);
    return entry.name === name ? [path] : [];
  });
}

/** The OpenAPI paths a route folder answers: [id] is one segment, [[...path]] any number or none. */
function pathPatternOf(folder: string): RegExp {
  const pattern = folder
    .slice('app'.length)
    .split('/')
    .map((segment) => {
      if (/^\[\[\.\.\.\w+\]\]$/.test(segment)) return '(/.+)?';
      if (/^\[\w+\]$/.test(segment)) return '/\\{\\w+\\}';
      return segment === '' ? '' : `/${segment.replace(/[.]/g, '\\.')}`;
    })
    .join('');
  return new RegExp(`^${pattern}$`);
}

describe('the OpenAPI document and the route handlers', () => {
  const document = buildApiDocument({ serverUrl: 'https://evident.example' }) as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => ({ path, method: method.toUpperCase() })));
  const handlers = filesNamed('route.ts').flatMap((file) => {
    const folder = file.slice(0, -'/route.ts'.length);
    const source = readFileSync(file, 'utf8');
    return HTTP_METHODS.filter((method) => new RegExp(`^export ((const|async function|function) ${method}\\b|\\{[^}]*\\bas ${method}\\b)`, 'm').test(source)).map(
      (method) => ({ folder, method, pattern: pathPatternOf(folder) }),
    );
  });

  it('documents every handler but the few left out on purpose', () => {
    const missing = handlers
      .filter(({ folder, method }) => !UNDOCUMENTED.includes(`${method} ${folder}`))
      .filter(({ method, pattern }) => !documented.some((operation) => operation.method === method && pattern.test(operation.path)))
      .map(({ folder, method }) => `${method} ${folder}`);
    expect(missing).toEqual([]);
    // The list above names handlers that exist.
    expect(UNDOCUMENTED.filter((entry) => !handlers.some(({ folder, method }) => `${method} ${folder}` === entry))).toEqual([]);
  });

  it('names each operation once, under a tag the document declares', () => {
    const { tags, paths } = buildApiDocument({ serverUrl: 'https://evident.example' }) as {
      tags: Array<{ name: string }>;
      paths: Record<string, Record<string, { operationId: string; tags: string[] }>>;
    };
    const operations = Object.values(paths).flatMap((item) => Object.values(item));
    const operationIds = operations.map((operation) => operation.operationId);
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const operation of operations) expect(tags.map((tag) => tag.name), operation.operationId).toEqual(expect.arrayContaining(operation.tags));
  });

  it('has a handler for every operation it documents', () => {
    const unanswered = documented
      .filter(({ path, method }) => !handlers.some((handler) => handler.method === method && handler.pattern.test(path)))
      .map(({ path, method }) => `${method} ${path}`);
    expect(unanswered).toEqual([]);
  });

  it('takes each description from the openapi.ts beside the route that answers it, and leaves none out', async () => {
    const descriptionFiles = filesNamed('openapi.ts');
    expect(descriptionFiles.length).toBe(ROUTE_API_DESCRIPTIONS.length);
    for (const file of descriptionFiles) {
      const folder = file.slice(0, -'/openapi.ts'.length);
      const { routeApiDescription } = (await import(/* @vite-ignore */ resolve(file))) as { routeApiDescription: RouteApiDescription };
      expect(existsSync(`${folder}/route.ts`), file).toBe(true);
      expect(ROUTE_API_DESCRIPTIONS, file).toContain(routeApiDescription);
      for (const path of Object.keys(routeApiDescription.paths)) expect(path, file).toMatch(pathPatternOf(folder));
    }
  });
});
