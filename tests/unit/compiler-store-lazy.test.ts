import { describe, expect, it } from 'vitest';
import { builtinFacts } from '../../shared/catalog/facts';
import { createCompilerStore, type StoreNode, storeNodeAt } from '../../shared/compiler/rules';

/** The compiler store builds subtrees and rules on first use; every route must see the same store. */
describe('lazily built compiler store', () => {
  it('looks up by path exactly the leaves the whole tree reaches, as the same rule objects', () => {
    const facts = builtinFacts();
    const lookedUpFirst = createCompilerStore(facts, 'by path');
    const byPath = new Map(facts.nodes.map((node) => [node.path, lookedUpFirst.rules.get(node.path)]));
    const walkedFirst = createCompilerStore(facts, 'walked');
    const reached = new Map<string, unknown>();
    const visit = (node: StoreNode): void => {
      if (node.kind === 'leaf') reached.set(node.rule.path, node.rule);
      else if (node.kind === 'tree') node.children.forEach(visit);
      else visit(node.item);
    };
    [...walkedFirst.commonGroups, ...walkedFirst.desktopGroups].forEach(visit);

    expect(reached.size).toBeGreaterThan(1000);
    expect([...walkedFirst.rules.keys()]).toEqual([...reached.keys()]);
    for (const [path, rule] of byPath) {
      expect(rule !== undefined, path).toBe(reached.has(path));
      if (rule) expect(rule).toEqual(reached.get(path));
    }
    // A rule found by path is the one the tree holds.
    const path = 'Workplace/Enrollments/UPN/Secret';
    const leaf = storeNodeAt(path, lookedUpFirst);
    expect(leaf?.kind === 'leaf' && leaf.rule).toBe(lookedUpFirst.rules.get(path));
  });
});
