import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import { useEditDocument, useWizardDocument } from './use-wizard';

/**
 * The form hooks every wizard step uses. A step's form is read from the project document on each render and
 * each change is written back as one document edit (renderer/src/state/wizard-document.ts has the read/write
 * pairs), so the form never keeps a second copy of the project.
 */

/** One form: `update(patch)` re-reads the draft, applies the patch and writes the whole form back. */
export function useWizardForm<Form>(
  read: (doc: CustomizationsDocument) => Form,
  write: (draft: CustomizationsDocument, form: Form) => void,
): [form: Form, update: (patch: Partial<Form>) => void] {
  const doc = useWizardDocument();
  const edit = useEditDocument();
  const update = (patch: Partial<Form>) => edit((draft) => write(draft, { ...read(draft), ...patch }));
  return [read(doc), update];
}

export interface WizardList<Item> {
  items: Item[];
  /** Replaces the list with `change(current list)`, as one edit. */
  change(change: (items: Item[]) => Item[]): void;
  updateAt(index: number, patch: Partial<Item>): void;
  removeAt(index: number): void;
}

/** A list of cards (enrollments, apps, certificates) read and written as a whole. */
export function useWizardList<Item>(
  read: (doc: CustomizationsDocument) => Item[],
  write: (draft: CustomizationsDocument, items: Item[]) => void,
): WizardList<Item> {
  const doc = useWizardDocument();
  const edit = useEditDocument();
  const change = (apply: (items: Item[]) => Item[]) => edit((draft) => write(draft, apply(read(draft))));
  return {
    items: read(doc),
    change,
    updateAt: (index, patch) =>
      change((items) => items.map((item, i) => (i === index ? { ...item, ...patch } : item))),
    removeAt: (index) => change((items) => items.filter((_item, i) => i !== index)),
  };
}
