import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi-document';

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = buildOpenApiDocument({ serverUrl: 'https://evident.example' });
    // validate() dereferences in place; give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('describes every public endpoint, requiring the API key where the routes do', () => {
    const document = buildOpenApiDocument({ serverUrl: 'https://evident.example' }) as {
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
    ] as const) {
      expect(document.paths[path][method].security, path).toEqual([{ apiKey: [] }, { portalSession: [] }]);
    }
  });

  it('documents the upload form fields from the zod schema the upload validates with', () => {
    const document = buildOpenApiDocument({ serverUrl: 'https://evident.example' }) as {
      paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> } }>>;
    };
    const form = document.paths['/api/v1/evidence/files'].post.requestBody.content['multipart/form-data'].schema;
    expect(Object.keys(form.properties).sort()).toEqual(
      ['borrowerEmail', 'borrowerIdNumber', 'borrowerName', 'borrowerPhone', 'borrowerReference', 'confirmSameNameBorrower', 'file', 'loanReference', 'sha256', 'source', 'title', 'type'],
    );
    expect(form.required).toEqual(['file']);
  });

  it('generates the record schema from the zod schema the route validates with', () => {
    const document = buildOpenApiDocument({ serverUrl: 'https://evident.example' }) as {
      components: { schemas: Record<string, { required?: string[]; additionalProperties?: boolean; properties: Record<string, { enum?: string[] }> }> };
    };
    const record = document.components.schemas.RecordInput;
    expect(record.required).toEqual(['type', 'data']);
    expect(record.additionalProperties).toBe(false);
    expect(record.properties.type.enum).toContain('repayment_record');
  });
});
