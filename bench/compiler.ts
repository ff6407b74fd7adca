/**
 * Compiler benchmark: in-process time to compile a 1,000-setting project into the whole package tree, against
 * the built-in (generated) store. The project is made from the store itself: every plain leaf outside maps and
 * lists with a value that fits it (first WCD label of an enum, True, 1, text), topped up with local users.
 *
 * Peer, measured in the same run: xmlbuilder2 (a well-kept XML library, already a dependency) serializing the
 * same provxml documents from the compiled parms, i.e. the writing step alone with a general-purpose writer.
 * Also printed: the one-time cost of building the compiler's view of the store from the catalog.
 *
 *   npm run bench:compiler [-- iterations, default 200]
 */
import { performance } from 'node:perf_hooks';
import { create } from 'xmlbuilder2';
import {
  compileIssues,
  compilePackage,
  compileProvxmlFiles,
  type CompileOptions,
} from '../shared/compiler/compile';
import { builtinFacts } from '../shared/catalog/facts';
import { createCompilerStore } from '../shared/compiler/rules';
import { storeSampleProject } from '../tests/support/store-project';

const iterations = Number(process.argv[2] ?? 200);
const TARGET_SETTINGS = 1000;

function quantiles(timings: number[]): string {
  timings.sort((a, b) => a - b);
  const at = (q: number): string =>
    timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(2);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms`;
}

function measure(run: () => void): number[] {
  for (let i = 0; i < Math.min(20, iterations); i++) run();
  const timings: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    run();
    timings.push(performance.now() - start);
  }
  return timings;
}

const storeStart = performance.now();
createCompilerStore(builtinFacts(), 'bench');
const storeMs = performance.now() - storeStart;
const warmStart = performance.now();
createCompilerStore(builtinFacts(), 'bench');
const storeWarmMs = performance.now() - warmStart;

const { doc, settings } = storeSampleProject(TARGET_SETTINGS);
const options: CompileOptions = { style: 'store', targetSkus: 'WindowsCommon,Desktop', assets: new Map() };
const customizationsXml = new Uint8Array(4096);
const issues = compileIssues(doc, options);
if (issues.length > 0) throw new Error(`the benchmark project does not compile: ${issues[0]!.settingPath}`);

let files = 0;
const ours = measure(() => {
  files = compilePackage(doc, customizationsXml, options).length;
});

// Peer: xmlbuilder2 writes the same documents (characteristics and parms) from the compiled parms.
const compiled = compileProvxmlFiles(doc, options).files;
const peer = measure(() => {
  for (const file of compiled) {
    const root = create({ version: '1.0', encoding: 'utf-8', standalone: true }).ele('wap-provisioningdoc');
    for (const parm of file.parms) {
      let at = root;
      for (const segment of parm.segments) at = at.ele('characteristic', { type: segment });
      at.ele('parm', {
        SettingsPath: parm.settingsPath,
        name: parm.name,
        value: parm.value,
        datatype: parm.datatype,
      });
    }
    root.end({ prettyPrint: true, newline: '\r\n', indent: '  ' });
  }
});

console.log(
  `store view from the generated catalog (${builtinFacts().nodes.length} nodes): ${storeMs.toFixed(1)} ms cold (once per process), ${storeWarmMs.toFixed(1)} ms warm`,
);
console.log(
  `compilePackage: ${settings} settings → ${files} files (${compiled.length} provxml), ${iterations} runs`,
);
console.log(`  PPKG Studio compiler (walk, values, grouping, provxml + indexes): ${quantiles(ours)}`);
console.log(`  peer, xmlbuilder2 writing the same provxml documents only:        ${quantiles(peer)}`);
