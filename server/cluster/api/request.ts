// Request parsing: which resource a path names, and reading/decoding bodies in the formats
// kube-apiserver accepts (JSON, YAML, Kubernetes protobuf).
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { badRequest, tooLarge, unsupportedMediaType } from './errors.ts';

export const MAX_BODY = 3 * 1024 * 1024;

export interface ResourcePath {
  group: string;
  version: string;
  namespace?: string;
  plural: string;
  name?: string;
  subresource?: string;
  /** Extra path segments after the subresource (e.g. proxy paths). */
  rest?: string[];
}

/**
 * Parses /api/v1/... and /apis/<group>/<version>/... resource paths.
 * Returns undefined for non-resource paths (discovery, health, openapi).
 */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  // /namespaces/<ns>/<resource>... ; but /namespaces and /namespaces/<name>[/status|finalize] name the namespace itself
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...more] = rest;
  if (!plural) return undefined;
  return { group, version, namespace, plural, name, subresource, rest: more.length ? more : undefined };
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume(); // discard the body; the reply says why
    throw tooLarge();
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return; // the rest is read and dropped, so the reply can still be sent
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => !over && resolve(Buffer.concat(chunks)));
    req.on('error', (e) => !over && reject(e));
  });
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
}

/** JSON or YAML body to a value; errors carry the decoder's message as kube-apiserver does. */
export function decodeText(body: Buffer, type: string, what: string): any {
  const text = body.toString('utf8');
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw badRequest(`${what}: ${jsonErrorText(e as Error, text)}`);
    }
  }
  if (type === 'application/yaml' || type === 'application/apply-patch+yaml' || type === 'text/yaml') {
    try {
      return parseYaml(text, { schema: 'core' });
    } catch (e) {
      const msg = e instanceof YAMLParseError ? `error converting YAML to JSON: yaml: line ${e.linePos?.[0]?.line ?? 0}: ${e.message.split('\n')[0]}` : String(e);
      throw badRequest(`${what}: ${msg}`);
    }
  }
  throw unsupportedMediaType(type);
}

/** Go's encoding/json wording for the common syntax errors. */
function jsonErrorText(e: Error, text: string): string {
  if (!text.trim()) return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(e.message);
  if (/Unexpected end/.test(e.message)) return 'unexpected EOF';
  if (m) {
    const ch = text[Number(m[1])] ?? '';
    return `invalid character '${ch}' looking for beginning of value`;
  }
  return e.message;
}
