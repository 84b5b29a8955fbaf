/**
 * Loaded corpora, one per distinct corpus configuration (folders + bundled),
 * each with the one {@link Checker} that all drafts using it share, so the
 * checker's per-paragraph cache is reused across edits and documents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Checker } from '../../core/verdict/checker';
import { Corpus, type CorpusOptions } from '../../core/corpus/corpus';
import { nodeCorpusOptions } from '../../node/indexCache';
import { bundledCorpusDir, isInside, readSourceFolders } from '../../node/sources';
import type { CorpusProblem, SourceInput } from '../../core/types';
import { type DatabaseStatus, PgBackend } from '../../pg/pgBackend';
import { resolveDatabaseUrl } from '../../pg/connection';
import { resolveFolders } from '../../shared/folders';
import type { Settings } from '../../shared/settings';

/** One loaded corpus and its checker. */
export interface CorpusEntry {
  /** Identifies the configuration: resolved folders and the bundled flag. */
  key: string;
  /** Configured folders, resolved to absolute paths (the bundled folder not included). */
  folders: string[];
  includeBundled: boolean;
  /** The in-memory checker (over an empty corpus when {@link database} is set). */
  checker: Checker;
  /** The in-memory corpus (empty for a database corpus). */
  corpus: Corpus;
  problems: CorpusProblem[];
  /** Set when the corpus is the shared PostgreSQL database of `factCheck.corpus.database`: drafts are checked with it. */
  database?: PgBackend;
}

/**
 * Whether the workspace is trusted, and its folders. In an untrusted
 * workspace, corpus folders set by the workspace's own settings are read only
 * when they lie inside the workspace (symbolic links resolved), so a cloned
 * repository cannot point the server at the user's other files.
 */
export interface TrustPolicy {
  trusted: boolean;
  /** Workspace folders (paths); when there are none, the document's base folder is the workspace. */
  roots: readonly string[];
}

/** The folders a document may use under a trust policy, and why the others are not read. */
export interface AllowedFolders {
  /** Resolved folders to read. */
  folders: string[];
  /** Folders not read, with the reason. */
  refused: CorpusProblem[];
  /** In an untrusted workspace: the only places files may be read from (links included). */
  within?: string[];
}

function real(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Applies the trust policy to a document's corpus folders. Folders from the
 * user's own settings are always read. The workspace's relative folders may
 * not lead out of it through ".."; in an untrusted workspace, the workspace's
 * folders are read only when they resolve inside it.
 */
export function allowedFolders(settings: Settings, base: string | undefined, policy: TrustPolicy = { trusted: true, roots: [] }): AllowedFolders {
  const folders: string[] = [];
  const refused: CorpusProblem[] = [];
  const roots = (policy.roots.length ? policy.roots : base ? [base] : []).map((r) => path.resolve(r));
  if (policy.trusted) {
    // A relative path in the workspace's settings stays in the workspace: it
    // cannot climb out through "..". The user's own settings may point anywhere;
    // clients that do not say which folders are the user's (other editors keep
    // settings in the user's own configuration) are not limited.
    const known = settings.corpus.userFolders;
    for (const entry of settings.corpus.folders) {
      const [resolved] = resolveFolders([entry], base);
      if (!resolved || folders.includes(resolved)) continue;
      const escapes =
        known !== undefined && !known.includes(entry) && !isAbsoluteSetting(entry) && roots.length > 0 && !roots.some((r) => isInside(resolved, r));
      if (escapes) {
        refused.push({
          path: resolved,
          message:
            `not read: the workspace's settings name this corpus folder (${JSON.stringify(entry)}), a relative path that leads out of the workspace. ` +
            'Add it to factCheck.corpus.folders in your user settings, or give an absolute path.',
        });
      } else folders.push(resolved);
    }
    return { folders, refused };
  }
  const realRoots = roots.map(real);
  const user = new Set(settings.corpus.userFolders ?? []);
  const userResolved: string[] = [];
  for (const entry of settings.corpus.folders) {
    const [resolved] = resolveFolders([entry], base);
    if (!resolved || folders.includes(resolved)) continue;
    if (user.has(entry)) {
      folders.push(resolved);
      userResolved.push(real(resolved));
      continue;
    }
    const inside = roots.some((r) => isInside(resolved, r)) && realRoots.some((r) => isInside(real(resolved), r));
    if (inside) folders.push(resolved);
    else {
      // Trusting the workspace lets an absolute path, `~` or a link in it be read,
      // but never a relative path that climbs out through "..": say what works.
      const climbs = !isAbsoluteSetting(entry) && roots.length > 0 && !roots.some((r) => isInside(resolved, r));
      refused.push({
        path: resolved,
        message:
          `not read: the workspace's settings name this corpus folder (${JSON.stringify(entry)}), it lies outside the workspace, and the workspace is not trusted. ` +
          (climbs
            ? 'A relative path out of the workspace is not read even when it is trusted: move the folder inside the workspace, or add it to factCheck.corpus.folders in your user settings.'
            : 'Trust the workspace, or add the folder to factCheck.corpus.folders in your user settings.'),
      });
    }
  }
  return { folders, refused, within: [...realRoots, ...userResolved] };
}

/** Whether a folder setting is absolute (or home-relative): an explicit choice, not a path that wanders out through "..". */
function isAbsoluteSetting(entry: string): boolean {
  return path.isAbsolute(entry) || entry === '~' || entry.startsWith('~/');
}

/** Megabytes to bytes. */
const MB = 1024 * 1024;

interface Limits {
  maxFiles: number;
  maxBytes: number;
}

/** How many corpus configurations stay loaded (workspace folders rarely differ more). */
const MAX_CORPORA = 4;

/**
 * Loads and caches corpora, one per configuration; two documents asking for
 * the same configuration share one load.
 */
export class CorpusStore {
  private readonly entries = new Map<string, CorpusEntry>();

  /**
   * @param onLoaded called after each load, with the entry, so the server can
   *   report problems and update file watchers
   * @param bundledDir the shipped corpus; defaults to the engine's `bundledCorpusDir()`
   */
  /** Where corpus indexes are cached (VS Code's storage folder for the extension); undefined uses the default cache folder. */
  cacheDir: string | undefined;
  /** Told when a corpus database goes away or comes back (the server shows it to the user, and checks again when it is back). */
  onDatabaseStatus: (status: DatabaseStatus) => void = () => undefined;
  /** Told how far the indexing of a corpus loaded by {@link load} got. */
  onIndexing: (event: IndexingEvent) => void = () => undefined;
  private readonly folderCounts = new WeakMap<CorpusEntry, { folder: string; documents: number }[]>();
  /** Loads in progress by key, shared by everyone asking for the same corpus. */
  private readonly pending = new Map<string, PendingLoad>();

  constructor(
    private readonly onLoaded: (entry: CorpusEntry) => void,
    private readonly bundledDir: () => string = bundledCorpusDir,
  ) {}

  /**
   * The corpus for `settings`, with relative folders resolved against `base`
   * and, in an untrusted workspace, limited by `policy`. A corpus not loaded
   * yet is indexed a slice at a time (its files are read first, at once), so
   * other requests are answered meanwhile, and {@link onIndexing} is told how
   * far it got. Documents asking for the same corpus share one load; a load
   * that a change to its folders made stale ({@link invalidate}) is not kept,
   * and its askers get the corpus loaded again.
   */
  async load(settings: Settings, base: string | undefined, policy?: TrustPolicy): Promise<CorpusEntry> {
    if (settings.corpus.database) return this.getDatabase(settings.corpus.database);
    const plan = this.plan(settings, base, policy);
    const hit = this.hit(plan.key);
    if (hit) return hit;
    let pending = this.pending.get(plan.key);
    if (!pending) {
      const run: PendingLoad = { folders: plan.folders, stale: false, promise: Promise.resolve(undefined) };
      run.promise = (async () => {
        try {
          const { sources, problems } = this.read(plan);
          const total = sources.length;
          this.onIndexing({ phase: 'begin', key: plan.key, done: 0, total });
          let corpus: Corpus;
          try {
            corpus = await Corpus.fromSourcesAsync(
              sources,
              {
                get isCancellationRequested() {
                  return run.stale;
                },
              },
              {
                ...this.buildOptions(),
                onProgress: (done) => this.onIndexing({ phase: 'report', key: plan.key, done, total }),
              },
            );
          } finally {
            this.onIndexing({ phase: 'end', key: plan.key, done: total, total });
          }
          return run.stale ? undefined : this.store(this.entryOf(plan, corpus, problems));
        } finally {
          if (this.pending.get(plan.key) === run) this.pending.delete(plan.key);
        }
      })();
      this.pending.set(plan.key, run);
      pending = run;
    }
    // A load made stale by a change to its folders is done again, from the files as they are now.
    return (await pending.promise) ?? this.load(settings, base, policy);
  }

  /** What a configuration reads, and the key it is cached under. */
  private plan(settings: Settings, base: string | undefined, policy?: TrustPolicy): LoadPlan {
    const allowed = allowedFolders(settings, base, policy);
    const folders = allowed.folders;
    // The sample articles are the fallback of a writer who has not chosen
    // sources yet, never mixed into their own (as the CLI: --corpus replaces them).
    const includeBundled = settings.corpus.includeBundled && settings.corpus.folders.length === 0;
    const limits: Limits = { maxFiles: settings.corpus.maxFiles, maxBytes: Math.round(settings.corpus.maxMegabytes * MB) };
    const key = JSON.stringify([includeBundled, limits.maxFiles, limits.maxBytes, allowed.within ?? null, allowed.refused.map((r) => r.path), ...folders]);
    return { key, folders, includeBundled, limits, allowed };
  }

  /** A loaded entry, moved to the most recently used end. */
  private hit(key: string): CorpusEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Re-inserting keeps the map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Keeps a newly loaded entry (dropping the least recently used beyond {@link MAX_CORPORA}) and tells {@link onLoaded}. */
  private store(entry: CorpusEntry): CorpusEntry {
    this.entries.set(entry.key, entry);
    // Corpora of settings no longer in use would otherwise stay in memory.
    while (this.entries.size > MAX_CORPORA) this.drop(this.entries.keys().next().value as string);
    this.onLoaded(entry);
    return entry;
  }

  /**
   * The corpus in PostgreSQL of `factCheck.corpus.database` (it replaces the
   * folders). The connection is made at the first check. A connection string
   * that cannot be resolved (an unset environment variable) is a problem, and
   * the bundled corpus is used instead.
   */
  private getDatabase(spec: string): CorpusEntry {
    const key = JSON.stringify(['database', spec]);
    const hit = this.hit(key);
    if (hit) return hit;
    let entry: CorpusEntry;
    let url: string | undefined;
    const problems: CorpusProblem[] = [];
    try {
      url = resolveDatabaseUrl(spec);
    } catch (e) {
      problems.push({ path: 'factCheck.corpus.database', message: `${(e as Error).message}; checking against the bundled corpus instead` });
    }
    if (url) {
      const backend = new PgBackend(url, { onStatus: (s) => this.onDatabaseStatus(s) });
      const empty = Corpus.fromSources([]);
      entry = { key, folders: [], includeBundled: false, corpus: empty, checker: new Checker(empty), database: backend, problems };
    } else {
      const bundled = this.bundledDir();
      const corpus = Corpus.fromSources(readSourceFolders([bundled]).sources, undefined, this.buildOptions());
      entry = { key, folders: [], includeBundled: true, corpus, checker: new Checker(corpus), problems };
    }
    return this.store(entry);
  }

  /** Forgets an entry, closing its database connections. */
  private drop(key: string): void {
    void this.entries.get(key)?.database?.close();
    this.entries.delete(key);
  }

  /** The folder of `entry`'s sources that holds `file`, if any (the bundled folder included when it is read). */
  sourceFolderOf(entry: CorpusEntry, file: string): string | undefined {
    const folders = entry.includeBundled ? [...entry.folders, this.bundledDir()] : entry.folders;
    return folders.find((f) => isInside(file, f) || isInside(real(file), real(f)));
  }

  /**
   * The folders of `entry` with how many of its documents each holds (the
   * bundled folder by that name); computed once per loaded corpus.
   */
  foldersOf(entry: CorpusEntry): { folder: string; documents: number }[] {
    const memo = this.folderCounts.get(entry);
    if (memo) return memo;
    const bundled = this.bundledDir();
    const folders = entry.includeBundled ? [...entry.folders, bundled] : entry.folders;
    const reals = folders.map(real);
    const counts = folders.map(() => 0);
    for (const d of entry.corpus.documents) {
      // The loader records each file's real path (links resolved) as its uri.
      const file = d.uri.startsWith('file:') ? fileURLToPath(d.uri) : d.uri || path.resolve(d.path);
      const i = folders.findIndex((f, k) => isInside(file, f) || isInside(file, reals[k]));
      if (i >= 0) counts[i]++;
    }
    const out = folders.map((f, i) => ({ folder: f === bundled ? 'the bundled sample corpus' : f, documents: counts[i] }));
    this.folderCounts.set(entry, out);
    return out;
  }

  /** All loaded entries. */
  all(): CorpusEntry[] {
    return [...this.entries.values()];
  }

  /**
   * Drops every corpus that reads from a folder containing `file` (or all
   * corpora, without a file), so the next check reloads it. Returns whether any was dropped.
   */
  invalidate(file?: string): boolean {
    let dropped = false;
    // A load still reading or indexing those folders would keep the files as they were.
    for (const [key, run] of this.pending) {
      if (file === undefined || run.folders.some((f) => isInside(file, f))) {
        run.stale = true;
        this.pending.delete(key);
        dropped = true;
      }
    }
    for (const [key, e] of this.entries) {
      if (file === undefined || e.folders.some((f) => isInside(file, f))) {
        this.drop(key);
        dropped = true;
      }
    }
    return dropped;
  }

  /** The options every corpus build of this store uses. */
  private buildOptions(): CorpusOptions {
    return nodeCorpusOptions(this.cacheDir ? { cacheDir: this.cacheDir } : {});
  }

  private entryOf(plan: LoadPlan, corpus: Corpus, problems: CorpusProblem[]): CorpusEntry {
    return { key: plan.key, folders: plan.folders, includeBundled: plan.includeBundled, corpus, checker: new Checker(corpus), problems };
  }

  /** Reads a configuration's source files, with every problem found on the way. */
  private read(plan: LoadPlan): { sources: SourceInput[]; problems: CorpusProblem[] } {
    const { folders, includeBundled, limits, allowed } = plan;
    // Folders not read for want of trust come first: they explain an emptier corpus.
    const problems: CorpusProblem[] = [...allowed.refused];
    const dirs: string[] = [];
    for (const f of folders) {
      // Checked here so the message says what is wrong in the user's terms.
      let stat: fs.Stats | undefined;
      try {
        stat = fs.statSync(f);
      } catch {
        problems.push({ path: f, message: 'corpus folder not found' });
        continue;
      }
      if (!stat.isDirectory()) problems.push({ path: f, message: 'corpus folder is not a folder' });
      else dirs.push(f);
    }
    let within = allowed.within;
    if (includeBundled) {
      const bundled = this.bundledDir();
      if (fs.existsSync(bundled)) dirs.push(bundled);
      else problems.push({ path: bundled, message: 'bundled corpus not found' });
      // The shipped corpus is always trusted.
      if (within) within = [...within, real(bundled)];
    }
    let sources: SourceInput[] = [];
    try {
      const read = readSourceFolders(dirs, {
        ...limits,
        ...(within ? { within } : {}),
        limitNames: { files: 'factCheck.corpus.maxFiles', bytes: 'factCheck.corpus.maxMegabytes' },
      });
      sources = read.sources;
      problems.push(...read.problems);
    } catch (e) {
      problems.push({ path: dirs.join(', '), message: `could not read sources: ${(e as Error).message}` });
    }
    return { sources, problems };
  }
}

/** A load in progress: what it reads, whether a change made it stale, and its outcome (undefined when stale). */
interface PendingLoad {
  folders: string[];
  stale: boolean;
  promise: Promise<CorpusEntry | undefined>;
}

/** What one corpus configuration reads (see CorpusStore.plan). */
interface LoadPlan {
  key: string;
  folders: string[];
  includeBundled: boolean;
  limits: Limits;
  allowed: AllowedFolders;
}

/** How far the indexing of a corpus got, for progress reports. */
export interface IndexingEvent {
  phase: 'begin' | 'report' | 'end';
  /** The load's corpus configuration (two loads of the same folders may differ in limits or trust). */
  key: string;
  done: number;
  total: number;
}
