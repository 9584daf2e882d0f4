// English catalogue of the list's export dialog: same keys as staff-export-fr.ts (checked through `Messages`).
import type { Messages } from './fr.ts';

const staffExportEn: Messages['staffExport'] = {
  open: 'Export',
  title: 'Export the selection',
  scopeIds: 'Ticked application: {count}. | Ticked applications: {count}.',
  scopeFilter: 'Every application of the current filter, in your scope.',
  xlsx: {
    title: 'Spreadsheet (XLSX)',
    intro: 'Tick the columns to export, group by group; your choice is remembered on this computer.',
    presets: 'Predefined choices',
    presetDefault: 'Usual columns',
    presetRecords: 'Applications file (22 columns)',
    all: 'Whole group',
    none: 'None of the group',
    chosen: 'Column chosen: {count} | Columns chosen: {count}',
    language: 'Language of the headers',
    atLeastOne: 'Choose at least one column.',
    download: 'Download the spreadsheet',
  },
  documents: {
    title: 'One supporting document of each application (ZIP)',
    intro: 'One file per application that uploaded the document, named “file_NAME_programme”; index.csv lists those without it.',
    document: 'Supporting document',
    choose: 'Choose a document',
    none: 'No supporting document in your scope.',
    download: 'Download the document’s ZIP',
  },
  dossiers: {
    title: 'Whole files as PDFs (ZIP)',
    intro: 'One PDF per application (summary and uploaded documents), {max} applications at most.',
    tooMany: 'The selection holds {count} applications: narrow it to {max} at most.',
    download: 'Download the PDF files',
  },
  busy: 'Preparing the file…',
  received: '{size} received',
  done: 'File {name} downloaded.',
  failed: 'The download failed: {error}',
  languages: { fr: 'French', en: 'English' },
};
export default staffExportEn;
