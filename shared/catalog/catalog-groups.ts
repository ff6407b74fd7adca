import { errorMessage } from '../text/error-message';
import type { GeneratedCatalog, StoreFactNode } from './store-facts';

/**
 * The built-in catalog one top-level group at a time, so a lookup pays (parse, mark, index) only for the group
 * it touches (facts.ts): a build uses a handful of the 53 groups. Both forms below rely on the layout the
 * generator writes (serializeCatalog in generate.ts): one node per line, parents before children, each group one
 * contiguous run that starts with the group's own node. Anything else is an error naming the line (or node).
 */
export interface CatalogGroups {
  readonly inputs: GeneratedCatalog['inputs'];
  /** The top-level group nodes, in catalog order. */
  readonly roots: StoreFactNode[];
  /**
   * The nodes below root `index` (not the root itself), in catalog order. Roots and these are objects of the
   * caller's own (made anew on each call), so facts.ts marks their source in place: copying each node cost
   * several times its parse.
   */
  below(index: number): StoreFactNode[];
}

interface Run {
  name: string;
  /** Position of the group's own node (line index or node index). */
  first: number;
  /** Nodes in the run, the group's own node included. */
  count: number;
}

/** Collects the runs of a catalog's nodes in order, checking each group is one run led by its own node. */
class RunCollector {
  readonly runs: Run[] = [];
  private readonly started = new Map<string, string>();

  add(name: string, isRoot: boolean, position: number, where: () => string): void {
    const last = this.runs.at(-1);
    if (last?.name === name && !isRoot) {
      last.count++;
      return;
    }
    if (!isRoot)
      throw new Error(
        `${where()}: a node of the group ${name} outside that group's run, which starts with ${name}`,
      );
    const earlier = this.started.get(name);
    if (earlier !== undefined)
      throw new Error(`${where()}: the group ${name} appears a second time (first at ${earlier})`);
    this.started.set(name, where());
    this.runs.push({ name, first: position, count: 1 });
  }
}

function groupOfPath(path: string): { name: string; isRoot: boolean } {
  const slash = path.indexOf('/');
  return slash < 0 ? { name: path, isRoot: true } : { name: path.slice(0, slash), isRoot: false };
}

/** An already parsed catalog (a bundled JSON import), split into groups; nodes are copied as they are handed out. */
export function groupParsedCatalog(catalog: GeneratedCatalog, file: string): CatalogGroups {
  const collector = new RunCollector();
  catalog.nodes.forEach((node, index) => {
    const { name, isRoot } = groupOfPath(node.path);
    collector.add(name, isRoot, index, () => `${file} node ${index + 1}`);
  });
  const runs = collector.runs;
  return {
    inputs: catalog.inputs,
    roots: runs.map((run) => ({ ...catalog.nodes[run.first]! })),
    below: (index) => {
      const run = runs[index]!;
      return catalog.nodes.slice(run.first + 1, run.first + run.count).map((node) => ({ ...node }));
    },
  };
}

/** One pass finds every group node: a line that is a node whose path has no `/` (the path is the first key). */
const GROUP_LINE = /^ {4}\{"path":"([^"/\\]*)"/gm;
const NODES_OPEN = '\n  "nodes": [\n';
const NODES_CLOSE = '\n  ]';

/** 1-based line number of a text offset (error messages only). */
function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** One line's node, or undefined when the text is not one JSON object with a string path. */
function parseNodeLine(line: string): StoreFactNode | undefined {
  try {
    const node = JSON.parse(line) as unknown;
    return isNode(node) ? node : undefined;
  } catch {
    return undefined;
  }
}

function isNode(value: unknown): value is StoreFactNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { path?: unknown }).path === 'string'
  );
}

/** A group's lines in the text: its own node's line, then the lines below it up to the next group's. */
interface TextRun {
  name: string;
  /** Offset of the group node's line, of the line after it, and of the end of the run's last node. */
  start: number;
  bodyStart: number;
  end: number;
}

/** The text of `[from, to)` without the comma (and line break) that separates it from the next node. */
function nodeTextEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text.charAt(end - 1))) end--;
  return end > from && text.charAt(end - 1) === ',' ? end - 1 : end;
}

/** Finds each group's run of lines (no node is parsed); the first line and each group's uniqueness are checked. */
function textRuns(text: string, nodesStart: number, nodesEnd: number, file: string): TextRun[] {
  const runs: TextRun[] = [];
  const seen = new Map<string, number>();
  GROUP_LINE.lastIndex = nodesStart;
  for (let match = GROUP_LINE.exec(text); match && match.index < nodesEnd; match = GROUP_LINE.exec(text)) {
    const name = match[1]!;
    const earlier = seen.get(name);
    if (earlier !== undefined)
      throw new Error(
        `${file} line ${lineNumberAt(text, match.index)}: the group ${name} appears a second time (first on line ${lineNumberAt(text, earlier)})`,
      );
    seen.set(name, match.index);
    const previous = runs.at(-1);
    if (previous) previous.end = nodeTextEnd(text, previous.start, match.index);
    else if (match.index !== nodesStart) break;
    const lineEnd = text.indexOf('\n', match.index);
    runs.push({ name, start: match.index, bodyStart: lineEnd < 0 ? nodesEnd : lineEnd + 1, end: nodesEnd });
  }
  const last = runs.at(-1);
  if (last) last.end = nodeTextEnd(text, last.start, nodesEnd);
  else if (nodesEnd > nodesStart)
    throw new Error(`${file} line ${lineNumberAt(text, nodesStart)}: the first node must be a group node`);
  return runs;
}

/** The nodes of one run below its group node: its lines parsed as one JSON array, checked to be one node each. */
function parseRunBody(text: string, run: TextRun, file: string): StoreFactNode[] {
  if (run.bodyStart >= run.end) return [];
  const body = text.slice(run.bodyStart, run.end);
  const belongs = (node: unknown): boolean => isNode(node) && node.path.startsWith(`${run.name}/`);
  let lineCount = 1;
  for (let at = body.indexOf('\n'); at >= 0; at = body.indexOf('\n', at + 1)) lineCount++;
  let nodes: unknown[] | undefined;
  try {
    nodes = JSON.parse(`[${body}]`) as unknown[];
  } catch {
    // Reported below, at the line that is not one node.
  }
  if (nodes?.length === lineCount && nodes.every(belongs)) return nodes as StoreFactNode[];
  for (let lineStart = run.bodyStart; lineStart < run.end; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 || newline > run.end ? run.end : newline;
    if (!belongs(parseNodeLine(text.slice(lineStart, nodeTextEnd(text, lineStart, lineEnd)))))
      throw new Error(
        `${file} line ${lineNumberAt(text, lineStart)}: not one catalog node of the group ${run.name}`,
      );
    lineStart = lineEnd + 1;
  }
  throw new Error(`${file}: the group ${run.name} does not parse as one node per line`);
}

/**
 * The catalog file's text as the generator writes it (the CLI reads it from beside its bundle): only the header
 * and the group nodes are parsed here; a group's other lines are parsed by `below`, as one JSON array, and
 * checked then.
 */
export function groupCatalogText(text: string, file: string): CatalogGroups {
  const open = text.indexOf(NODES_OPEN);
  if (open < 0) throw new Error(`${file}: no "nodes" array on a line of its own`);
  let header: GeneratedCatalog;
  try {
    header = JSON.parse(`${text.slice(0, open)}"nodes":[]}`) as GeneratedCatalog;
  } catch (error) {
    throw new Error(`${file}: the header before "nodes" is not valid JSON (${errorMessage(error)})`);
  }
  if (header.format !== 1) throw new Error(`${file}: catalog format ${String(header.format)}, expected 1`);
  const close = text.lastIndexOf(NODES_CLOSE);
  if (close < open || !/^\s*\]\s*\}\s*$/.test(text.slice(close)))
    throw new Error(`${file}: the nodes array is not closed at the end of the file`);
  const nodesStart = open + NODES_OPEN.length;
  const runs = textRuns(text, nodesStart, close, file);
  const roots = runs.map((run) => {
    const root = parseNodeLine(text.slice(run.start, nodeTextEnd(text, run.start, run.bodyStart)));
    if (root?.path !== run.name)
      throw new Error(
        `${file} line ${lineNumberAt(text, run.start)}: not the catalog node of the group ${run.name}`,
      );
    return root;
  });
  return { inputs: header.inputs, roots, below: (index) => parseRunBody(text, runs[index]!, file) };
}
