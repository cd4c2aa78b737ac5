import { getTranslations } from 'next-intl/server';
import { buildApiDocument } from '@/app/api/build-api-document';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Evident API' };

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: string[]; default?: unknown; maximum?: number };
}
interface MediaType {
  schema?: unknown;
  example?: unknown;
}
interface Operation {
  summary: string;
  description?: string;
  security?: Array<Record<string, unknown>>;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { description: string }>;
}
interface OpenApiDocument {
  info: { title: string; description: string };
  paths: Record<string, Record<string, Operation>>;
}

// A plain rendering of /api/v1/openapi.json: no client-side viewer, nothing loaded from a CDN.
export default async function ApiDocsPage() {
  const t = await getTranslations('apiDocs');
  const document = buildApiDocument({ serverUrl: getConfig().publicBaseUrl }) as unknown as OpenApiDocument;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-700">{document.info.description}</p>
        <p className="text-sm text-slate-700">
          {t('machineReadable')}{' '}
          <a className="mono text-sky-700 hover:underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
        </p>
        <p className="text-sm text-slate-700">{t('keys')}</p>
        <p className="text-sm text-slate-500">{t('englishOnly')}</p>
        <ul className="grid gap-1 rounded-lg bg-white p-4 text-sm shadow-sm">
          {operations.map(({ path, method, operation }) => (
            <li key={`${method} ${path}`}>
              <a className="text-sky-700 hover:underline" href={`#${anchor(method, path)}`}>
                <span className="mono inline-block w-14 font-semibold">{method}</span>
                <span className="mono">{path}</span>
              </a>{' '}
              <span className="text-slate-500">{operation.summary}</span>
            </li>
          ))}
        </ul>
      </section>

      {operations.map(({ path, method, operation }) => (
        <section
          key={`${method} ${path}`}
          id={anchor(method, path)}
          data-testid="api-operation"
          className="space-y-3 rounded-lg bg-white p-5 shadow-sm"
        >
          <h2 className="text-lg font-semibold">
            <span className="mono mr-2">{method}</span>
            <span className="mono">{path}</span>
          </h2>
          <p className="font-medium">{operation.summary}</p>
          {operation.description && <p className="text-sm text-slate-700">{operation.description}</p>}
          <p className="text-sm text-slate-600">{t('authentication', { scheme: t(`security.${securityOf(operation.security)}`) })}</p>

          {operation.parameters && operation.parameters.length > 0 && (
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1 pr-3">{t('parameter')}</th>
                  <th className="py-1 pr-3">{t('in')}</th>
                  <th className="py-1 pr-3">{t('type')}</th>
                  <th className="py-1">{t('meaning')}</th>
                </tr>
              </thead>
              <tbody>
                {operation.parameters.map((p) => (
                  <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-top">
                    <td className="mono py-1 pr-3">
                      {p.name}
                      {p.required ? ' *' : ''}
                    </td>
                    <td className="py-1 pr-3">{p.in}</td>
                    <td className="mono py-1 pr-3 text-xs">{describeType(p.schema)}</td>
                    <td className="py-1 text-slate-700">{p.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          {operation.requestBody &&
            Object.entries(operation.requestBody.content).map(([mediaType, media]) => (
              <div key={mediaType} className="space-y-1">
                <p className="text-sm">
                  {t('requestBody')} <span className="mono text-slate-600">{mediaType}</span>
                </p>
                {media.example !== undefined && <Example value={media.example} />}
              </div>
            ))}

          <ul className="text-sm">
            {Object.entries(operation.responses).map(([status, response]) => (
              <li key={status}>
                <span className="mono mr-2 font-semibold">{status}</span>
                {response.description}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Example({ value }: { value: unknown }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  // Focusable, so that a keyboard can scroll a long line into view.
  return (
    <pre tabIndex={0} className="mono overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500">
      {text}
    </pre>
  );
}

function anchor(method: string, path: string): string {
  return `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function securityOf(security: Operation['security']): 'apiKey' | 'public' | 'keyOrSession' {
  if (security === undefined) return 'apiKey';
  if (security.length === 0) return 'public';
  const schemes = security.flatMap((requirement) => Object.keys(requirement));
  return schemes.includes('portalSession') ? 'keyOrSession' : 'apiKey';
}

function describeType(schema: Parameter['schema']): string {
  if (!schema) return '';
  if (schema.enum) return schema.enum.join(' | ');
  const extra = [schema.default !== undefined && `default ${schema.default}`, schema.maximum !== undefined && `max ${schema.maximum}`]
    .filter(Boolean)
    .join(', ');
  return `${schema.type ?? ''}${extra ? ` (${extra})` : ''}`;
}
