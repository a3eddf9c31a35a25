import type { Metadata } from 'next';
import { openApiDocument } from '@/lib/api/document';
import { API_BASE } from '@/lib/api/routes';

export const metadata: Metadata = { title: 'Tài liệu API' };

type Schema = {
  type?: string | string[];
  $ref?: string;
  anyOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: string[];
  format?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
};
type Operation = {
  operationId: string;
  summary: string;
  description: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: Schema }[];
  responses: Record<string, { description: string; content?: { 'application/json': { schema: Schema } } }>;
};

const refName = (ref: string) => ref.split('/').pop() ?? ref;

/** A short type: "string (date)", "integer", "UnitRef", "Assignment[]", "… | null". */
function typeOf(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.enum) return schema.enum.map((v) => `"${v}"`).join(' | ');
  if (schema.type === 'array' && schema.items) return `${typeOf(schema.items)}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  return schema.format ? `${type} (${schema.format})` : type;
}

function descriptionOf(schema: Schema): string | undefined {
  return schema.description ?? schema.anyOf?.find((s) => s.description)?.description;
}

/** The fields of an object schema, nested objects indented under their field. */
function Fields({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  const inner = schema.anyOf?.find((s) => s.properties) ?? (schema.items?.properties ? schema.items : schema);
  if (!inner.properties) return null;
  return (
    <ul className={depth === 0 ? 'space-y-1' : 'mt-1 space-y-1 border-l border-slate-200 pl-4'}>
      {Object.entries(inner.properties).map(([name, field]) => (
        <li key={name} className="text-sm">
          <code className="font-semibold text-slate-900">{name}</code>{' '}
          <span className="text-slate-700">
            {typeOf(field)}
            {inner.required?.includes(name) ? '' : ' (không bắt buộc)'}
          </span>
          {descriptionOf(field) ? <span className="text-slate-700"> — {descriptionOf(field)}</span> : null}
          <Fields schema={field} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The API's reference for the developers of other systems (decision 020): rendered on the server
 * from the OpenAPI document itself (lib/api/document.ts), so it cannot drift from it, and it runs
 * no script — it passes the app's Content-Security-Policy as any page. Open without signing in.
 */
export default function ApiDocsPage() {
  const doc = openApiDocument() as {
    info: { title: string; version: string; description: string };
    paths: Record<string, { get: Operation }>;
    components: { schemas: Record<string, Schema> };
  };
  const operations = Object.entries(doc.paths).map(([path, item]) => ({ path, op: item.get }));
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-8 text-slate-900">
      <header className="space-y-3">
        <h1 className="text-2xl font-bold">
          {doc.info.title} <span className="text-base font-normal text-slate-700">phiên bản {doc.info.version}</span>
        </h1>
        {doc.info.description.split('\n\n').map((p) => (
          <p key={p} className="text-sm leading-relaxed">
            {p.replaceAll('`', '')}
          </p>
        ))}
        <p className="text-sm">
          Tài liệu máy đọc được (OpenAPI 3.1):{' '}
          <a className="font-medium text-blue-800 underline" href={`${API_BASE}/openapi.json`}>
            {API_BASE}/openapi.json
          </a>
          . Ví dụ:
        </p>
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-sm text-slate-50" tabIndex={0}>
          <code>{`curl -H "Authorization: Bearer dd_…" "https://<máy chủ>${API_BASE}/assignments?status=IN_PROGRESS_OVERDUE"`}</code>
        </pre>
      </header>

      <nav aria-label="Các thao tác" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Các thao tác</h2>
        <ul className="space-y-1 text-sm">
          {operations.map(({ path, op }) => (
            <li key={path}>
              <a className="text-blue-800 underline" href={`#${op.operationId}`}>
                GET {API_BASE}
                {path}
              </a>{' '}
              — {op.summary}
            </li>
          ))}
        </ul>
      </nav>

      {operations.map(({ path, op }) => (
        <section
          key={path}
          id={op.operationId}
          aria-labelledby={`${op.operationId}-title`}
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id={`${op.operationId}-title`} className="text-lg font-semibold">
            {op.summary}
          </h2>
          <p>
            <code className="rounded bg-slate-100 px-2 py-1 text-sm font-semibold">
              GET {API_BASE}
              {path}
            </code>
            {op.security?.length === 0 ? <span className="ml-2 text-sm">(không cần mã truy cập)</span> : null}
          </p>
          <p className="text-sm leading-relaxed">{op.description}</p>
          {op.parameters?.length ? (
            <>
              <h3 className="font-semibold">Tham số</h3>
              <ul className="space-y-1 text-sm">
                {op.parameters.map((p) => (
                  <li key={p.name}>
                    <code className="font-semibold">{p.name}</code> ({p.in === 'path' ? 'trong đường dẫn' : 'truy vấn'}
                    {p.required ? ', bắt buộc' : ''}, {typeOf(p.schema)}){p.description ? ` — ${p.description}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3 className="font-semibold">Kết quả</h3>
          <ul className="space-y-1 text-sm">
            {Object.entries(op.responses).map(([status, r]) => (
              <li key={status}>
                <span className="font-semibold">{status}</span> — {r.description}
                {r.content ? <span> ({typeOf(r.content['application/json'].schema)})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}

      <section aria-labelledby="schemas-title" className="space-y-4">
        <h2 id="schemas-title" className="text-lg font-semibold">
          Cấu trúc dữ liệu
        </h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`} className="rounded-lg border border-slate-200 bg-white p-4">
            <h3 className="font-semibold">{name}</h3>
            {schema.description ? <p className="mb-2 text-sm text-slate-700">{schema.description}</p> : null}
            <Fields schema={schema} />
          </div>
        ))}
      </section>
    </main>
  );
}
