/**
 * The `factCheck.*` settings: their types, defaults, bounds and descriptions
 * in one place, shared by the server (which reads them per document, see
 * `lsp/state/settingsStore.ts`), the client, and `package.json`, whose
 * `contributes.configuration` is generated from {@link SETTINGS_SCHEMA} by
 * `npm run settings` (a unit test fails when the two differ).
 */

/** Severity names as written in settings; `off` hides the finding. */
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The resolved settings of one document. */
export interface Settings {
  corpus: {
    /** Source folders, workspace-relative or absolute. */
    folders: string[];
    /** Whether the corpus shipped with the extension is checked too. */
    includeBundled: boolean;
    /** At most this many source files are read. */
    maxFiles: number;
    /** At most this many megabytes of sources are read. */
    maxMegabytes: number;
    /**
     * A shared corpus in PostgreSQL: a connection string, or `env:NAME` (`env`
     * alone: `$FACT_CHECK_DATABASE_URL`) so that no password sits in settings.
     * When set, it replaces the folders and the bundled corpus. Empty: off.
     */
    database: string;
    /**
     * The entries of {@link folders} that the user set in their own (user)
     * settings, as opposed to the workspace's settings; undefined when the
     * client does not say (then every entry counts as the workspace's).
     * Only user folders may lie outside an untrusted workspace.
     */
    userFolders?: string[];
  };
  severity: {
    contradicted: SeveritySetting;
    unverified: SeveritySetting;
    conflict: SeveritySetting;
  };
  /** Language ids of the documents to check. */
  languages: string[];
  /** Minimum similarity, 0..1, for a source sentence to count as evidence. */
  minScore: number;
  /** Drafts longer than this (characters) are not checked. */
  maxDraftSize: number;
  /**
   * Milliseconds the findings of an unfinished sentence being typed wait for a
   * pause in typing (a finished sentence shows them at once); 0: no wait.
   */
  typingPause: number;
}

/** Defaults (package.json's are written from these by `npm run settings`). */
export const DEFAULT_SETTINGS: Settings = {
  corpus: { folders: [], includeBundled: true, maxFiles: 20_000, maxMegabytes: 200, database: '' },
  severity: { contradicted: 'warning', unverified: 'information', conflict: 'information' },
  languages: ['markdown', 'plaintext'],
  minScore: 0.1,
  maxDraftSize: 1_000_000,
  typingPause: 1000,
};

/** The severities a finding may be shown with, as the settings write them. */
const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const SEVERITY_DESCRIPTIONS = [
  'Shown as an error (red).',
  'Shown as a warning (yellow).',
  'Shown as information (blue).',
  'Shown as a hint (dots under the text).',
  'Not shown.',
];

/** The name of a setting under `factCheck.`, as VS Code shows it. */
export type SettingKey =
  | 'corpus.folders'
  | 'corpus.includeBundled'
  | 'corpus.maxFiles'
  | 'corpus.maxMegabytes'
  | 'corpus.database'
  | 'severity.contradicted'
  | 'severity.unverified'
  | 'severity.conflict'
  | 'languages'
  | 'minScore'
  | 'maxDraftSize'
  | 'typingPause';

/** How one setting is declared to VS Code (a property of `contributes.configuration`), less its default. */
export interface SettingSchema {
  type: 'array' | 'boolean' | 'integer' | 'number' | 'string';
  items?: { type: 'string' };
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  scope: 'window' | 'resource' | 'machine-overridable';
  markdownDescription: string;
}

/**
 * Every setting: its type, bounds, scope and description. With
 * {@link DEFAULT_SETTINGS}, the one definition of the settings: the server
 * checks values against these bounds, and `npm run settings` writes them (and
 * the defaults) into package.json.
 */
export const SETTINGS_SCHEMA: Record<SettingKey, SettingSchema> = {
  'corpus.folders': {
    type: 'array',
    items: { type: 'string' },
    scope: 'resource',
    markdownDescription:
      "Folders of source documents (`.txt`, `.md`) that drafts are checked against. Paths are relative to the workspace folder (absolute paths and `~` work too). A source file may start with a line ` date YYYY-MM-DD` giving its date. Changes to these folders are picked up while you work. In an untrusted workspace, folders set in the workspace's settings are read only when they lie inside the workspace; folders in your user settings are always read.",
  },
  'corpus.includeBundled': {
    type: 'boolean',
    scope: 'resource',
    markdownDescription:
      'While no `#factCheck.corpus.folders#` is configured, check against the sample corpus shipped with the extension (five news articles), and say so once. Your own folders always replace it, as `--corpus` does in the CLI.',
  },
  'corpus.maxFiles': {
    type: 'integer',
    minimum: 1,
    maximum: 1_000_000,
    scope: 'resource',
    markdownDescription:
      'At most this many source files are read from `#factCheck.corpus.folders#`; the rest are skipped with a message. Keeps a mistaken folder (say, your home folder) from stalling the editor.',
  },
  'corpus.maxMegabytes': {
    type: 'number',
    minimum: 1,
    maximum: 100_000,
    scope: 'resource',
    markdownDescription:
      'At most this many megabytes of sources are read in all; the rest are skipped with a message. One source file over 50 MB is always skipped.',
  },
  'corpus.database': {
    type: 'string',
    scope: 'machine-overridable',
    markdownDescription:
      'A shared corpus in PostgreSQL (filled with `fact-check index --database URL DIR...`), used instead of `#factCheck.corpus.folders#` and the bundled corpus. A connection string, or `env:NAME` to read it from the environment variable `NAME` (`env` alone reads `FACT_CHECK_DATABASE_URL`), so that no password sits in settings. Empty: off.',
  },
  'severity.contradicted': {
    type: 'string',
    enum: SEVERITIES,
    enumDescriptions: SEVERITY_DESCRIPTIONS,
    scope: 'resource',
    markdownDescription: 'How a value that a source contradicts (a year, number, name, quote, …) is shown.',
  },
  'severity.unverified': {
    type: 'string',
    enum: SEVERITIES,
    enumDescriptions: SEVERITY_DESCRIPTIONS,
    scope: 'resource',
    markdownDescription: 'How a check-worthy claim that no source confirms is shown. Set to `off` to see only contradictions.',
  },
  'severity.conflict': {
    type: 'string',
    enum: SEVERITIES,
    enumDescriptions: SEVERITY_DESCRIPTIONS,
    scope: 'resource',
    markdownDescription: 'How a claim is shown when the sources disagree with each other about it.',
  },
  languages: {
    type: 'array',
    items: { type: 'string' },
    scope: 'window',
    markdownDescription:
      'Language ids of the documents to check. Markdown is read as Markdown (code, front matter and comments are skipped); every other language as plain text.',
  },
  minScore: {
    type: 'number',
    minimum: 0,
    maximum: 1,
    scope: 'resource',
    markdownDescription:
      "How much of a claim's wording (0–1, idf-weighted) a source sentence must share to be considered as evidence at all. Whether it supports or contradicts the claim is then decided by the support model; raise this only to ignore loosely related sources.",
  },
  maxDraftSize: {
    type: 'number',
    minimum: 0,
    scope: 'resource',
    markdownDescription: 'Drafts longer than this many characters are not checked, to keep the editor responsive.',
  },
  typingPause: {
    type: 'integer',
    minimum: 0,
    maximum: 10_000,
    scope: 'resource',
    markdownDescription:
      'While you type an unfinished sentence (no full stop, question or exclamation mark yet), its findings wait this many milliseconds after your last keystroke, so a half-typed value (`Tecate paid $5`) does not flash a warning. A finished sentence shows its findings at once. `0`: no wait.',
  },
};

/** The value at a dotted key of a settings object. */
function valueAt(settings: Settings, key: SettingKey): unknown {
  let v: unknown = settings;
  for (const part of key.split('.')) v = (v as Record<string, unknown>)[part];
  return v;
}

/**
 * package.json's `contributes.configuration.properties`, as `npm run settings`
 * writes them: each schema entry with its default, keys in VS Code's usual order.
 */
export function configurationProperties(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, schema] of Object.entries(SETTINGS_SCHEMA) as [SettingKey, SettingSchema][]) {
    const { type, items, minimum, maximum, enum: values, enumDescriptions, scope, markdownDescription } = schema;
    out[`factCheck.${key}`] = {
      type,
      ...(items ? { items } : {}),
      ...(minimum !== undefined ? { minimum } : {}),
      ...(maximum !== undefined ? { maximum } : {}),
      ...(values ? { enum: values } : {}),
      ...(enumDescriptions ? { enumDescriptions } : {}),
      default: valueAt(DEFAULT_SETTINGS, key),
      scope,
      markdownDescription,
    };
  }
  return out;
}

/**
 * Turns whatever the client sent (possibly partial, possibly wrong) into
 * complete settings. Each bad value falls back to its default and is reported
 * in `problems`, so a typo in settings.json never stops the server.
 */
export function normaliseSettings(raw: unknown, problems: string[] = []): Settings {
  if (raw !== undefined && raw !== null && !isObject(raw)) problems.push(`factCheck settings must be an object (got ${describe(raw)})`);
  const r = isObject(raw) ? raw : {};
  const section = (name: string): Record<string, unknown> => {
    const v = r[name];
    if (v === undefined || v === null) return {};
    if (isObject(v)) return v;
    problems.push(`factCheck.${name} must be an object of settings (got ${describe(v)})`);
    return {};
  };
  const corpus = section('corpus');
  const severity = section('severity');
  const d = DEFAULT_SETTINGS;

  const folders = (() => {
    const v = corpus.folders;
    if (v === undefined || v === null) return d.corpus.folders;
    // A single string is a common slip; take it as a one-folder list.
    if (typeof v === 'string') return v.trim() ? [v] : [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.filter((x) => x.trim());
    problems.push(`factCheck.corpus.folders must be a list of folder paths (got ${describe(v)})`);
    return d.corpus.folders;
  })();

  const sev = (name: keyof Settings['severity']): SeveritySetting => {
    const v = severity[name];
    if (v === undefined || v === null) return d.severity[name];
    const s = typeof v === 'string' ? v.toLowerCase() : '';
    // "info" and "none" are what people type from other tools.
    const alias = s === 'info' ? 'information' : s === 'none' ? 'off' : s;
    if ((SEVERITIES as string[]).includes(alias)) return alias as SeveritySetting;
    problems.push(`factCheck.severity.${name} must be one of ${SEVERITIES.join(', ')} (got ${describe(v)})`);
    return d.severity[name];
  };

  const languages = (() => {
    const v = r.languages;
    if (v === undefined || v === null) return d.languages;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
    problems.push(`factCheck.languages must be a list of language ids (got ${describe(v)})`);
    return d.languages;
  })();

  // Bounds and whole-number rules come from the schema VS Code is given too.
  const number = (name: SettingKey, v: unknown): number => {
    const fallback = valueAt(d, name) as number;
    const { minimum: min = -Number.MAX_SAFE_INTEGER, maximum: max = Number.MAX_SAFE_INTEGER, type } = SETTINGS_SCHEMA[name];
    const integer = type === 'integer';
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))) return v;
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    problems.push(`factCheck.${name} must be ${integer ? 'a whole number' : 'a number'} ${range} (got ${describe(v)})`);
    return fallback;
  };
  const num = (name: 'minScore' | 'maxDraftSize' | 'typingPause'): number => number(name, r[name]);

  const includeBundled = (() => {
    const v = corpus.includeBundled;
    if (v === undefined || v === null) return d.corpus.includeBundled;
    if (typeof v === 'boolean') return v;
    problems.push(`factCheck.corpus.includeBundled must be true or false (got ${describe(v)})`);
    return d.corpus.includeBundled;
  })();

  // Which folders the user set in their own settings: told by the VS Code client (see client/src/extension.ts).
  const scopes = isObject(r._scopes) ? r._scopes : {};
  const userFolders = Array.isArray(scopes.userFolders) ? scopes.userFolders.filter((x): x is string => typeof x === 'string') : undefined;

  return {
    corpus: {
      folders,
      includeBundled,
      maxFiles: number('corpus.maxFiles', corpus.maxFiles),
      maxMegabytes: number('corpus.maxMegabytes', corpus.maxMegabytes),
      database: (() => {
        const v = corpus.database;
        if (v === undefined || v === null) return d.corpus.database;
        if (typeof v === 'string') return v.trim();
        problems.push(`factCheck.corpus.database must be a connection string or env:NAME (got ${describe(v)})`);
        return d.corpus.database;
      })(),
      ...(userFolders ? { userFolders } : {}),
    },
    severity: { contradicted: sev('contradicted'), unverified: sev('unverified'), conflict: sev('conflict') },
    languages,
    minScore: num('minScore'),
    maxDraftSize: num('maxDraftSize'),
    typingPause: num('typingPause'),
  };
}

/**
 * Whether `languageId` is one of `languages`. Editors name plain text
 * differently (VS Code `plaintext`, Neovim and Helix `text`), so those are one.
 */
export function languageEnabled(languageId: string, languages: readonly string[]): boolean {
  const norm = (id: string) => (id === 'text' || id === 'txt' || id === 'plain' ? 'plaintext' : id);
  const id = norm(languageId);
  return languages.some((l) => norm(l) === id);
}

/** The engine's language for a document: markdown, or plain text for everything else. */
export function engineLanguage(languageId: string): 'markdown' | 'plaintext' {
  return languageId === 'markdown' || languageId === 'mdx' ? 'markdown' : 'plaintext';
}

/** A setting's value as shown in a message, shortened. */
function describe(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    // Too deep or circular to print (String() of nested arrays recurses too):
    // name the kind of value instead.
    s = Array.isArray(v) ? 'a list nested too deep to show' : typeof v === 'object' && v !== null ? 'an object nested too deep to show' : typeof v;
  }
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
