import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  OPENAPI_SCHEMA_KEYWORDS,
  apiJsonSchema,
  channelTopics,
  schemaRef,
  type SchemaName,
  type TopicDefinition,
  type TopicFamily,
} from '../src/index.js';

// docs/protocol.md tags each JSON example with the topic family and what it is, for example
// ```json logs:app event:lines. Every such example must parse with the zod schema it illustrates, and every
// schema must be illustrated at least once, so the prose and the types cannot drift apart.

const protocolPath = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/protocol.md');
const markdown = await readFile(protocolPath, 'utf8');

interface Example {
  readonly family: TopicFamily;
  readonly kind: string;
  readonly line: number;
  readonly json: unknown;
}

const examples: Example[] = [];
{
  const fence = /^```json ([a-z:]+) ([a-z_:]+)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    const [, family = '', kind = '', body = ''] = match;
    examples.push({
      family: family as TopicFamily,
      kind,
      line: markdown.slice(0, match.index).split('\n').length,
      json: JSON.parse(body) as unknown,
    });
  }
}

function schemaFor(example: Example): z.ZodType {
  const topic: TopicDefinition | undefined = (channelTopics as Record<string, TopicDefinition>)[example.family];
  if (!topic) throw new Error(`protocol.md:${example.line}: unknown topic family ${example.family}`);
  const [what, name = ''] = example.kind.split(':');
  const schema =
    what === 'join'
      ? topic.joinPayload
      : what === 'reply'
        ? topic.joinReply
        : what === 'error'
          ? topic.joinError
          : what === 'event'
            ? topic.serverEvents[name]
            : what === 'push'
              ? topic.clientEvents[name]
              : undefined;
  if (!schema) throw new Error(`protocol.md:${example.line}: no schema for ${example.family} ${example.kind}`);
  return schema;
}

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addVocabulary([...OPENAPI_SCHEMA_KEYWORDS]);
ajv.addSchema(apiJsonSchema());
function restValid(name: SchemaName, value: unknown): boolean {
  const validate = ajv.getSchema(schemaRef(name));
  if (!validate) throw new Error(`no schema ${name}`);
  const ok = validate(value) === true;
  if (!ok) console.error(name, validate.errors);
  return ok;
}

describe('docs/protocol.md examples', () => {
  it('has tagged examples', () => {
    expect(examples.length).toBeGreaterThan(25);
  });

  it.each(examples.map((e) => [`${e.family} ${e.kind} (line ${e.line})`, e] as const))('%s parses', (_label, example) => {
    const result = schemaFor(example).safeParse(example.json);
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues)).toBe(true);
  });

  it('every topic family has a join example', () => {
    for (const family of Object.keys(channelTopics)) {
      expect(examples.some((e) => e.family === family && e.kind === 'join'), family).toBe(true);
    }
  });

  it('every distinct schema is illustrated at least once', () => {
    const illustrated = new Set(examples.map(schemaFor));
    for (const [family, topic] of Object.entries(channelTopics) as [string, TopicDefinition][]) {
      const schemas: [string, z.ZodType][] = [
        ['join', topic.joinPayload],
        ['reply', topic.joinReply],
        ['error', topic.joinError],
        ...Object.entries(topic.serverEvents).map(([name, s]): [string, z.ZodType] => [`event:${name}`, s]),
        ...Object.entries(topic.clientEvents).map(([name, s]): [string, z.ZodType] => [`push:${name}`, s]),
      ];
      for (const [kind, schema] of schemas) expect(illustrated.has(schema), `${family} ${kind}`).toBe(true);
    }
  });

  it('channel payloads that mirror REST resources also validate against the OpenAPI schemas', () => {
    let checked = 0;
    for (const example of examples) {
      const json = example.json as Record<string, unknown>;
      if (example.family === 'events' && example.kind === 'event:event') {
        expect(restValid('Event', json)).toBe(true);
        checked++;
      }
      if (example.kind === 'event:lines') {
        for (const line of json['lines'] as unknown[]) expect(restValid('LogLine', line)).toBe(true);
        checked++;
      }
      if (example.family === 'deployment' && example.kind === 'reply') {
        expect(restValid('Deployment', json['deployment'])).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('the binary frame example matches the V2 server push layout', () => {
    const hex = /^((?:[0-9a-f]{2} )+[0-9a-f]{2})$/m.exec(markdown)?.[1];
    const joinRef = Buffer.from('4');
    const topic = Buffer.from('shell:sh_7Hq2');
    const event = Buffer.from('output');
    const frame = Buffer.concat([
      Buffer.from([0, joinRef.length, topic.length, event.length]),
      joinRef,
      topic,
      event,
      Buffer.from('ls\n'),
    ]);
    expect(hex).toBe(frame.toString('hex').replace(/(..)(?!$)/g, '$1 '));
  });
});
