/** Dataset loading and splitting: the only entry point other modules should import. */
export { loadDataset } from './loadDataset';
export { splitDataset } from './split';
export {
  detectColumns,
  INPUT_COLUMN_NAMES,
  TARGET_COLUMN_NAMES,
  type ColumnOptions,
  type DetectedColumns,
} from './columns';
export { toCellText } from './cellText';
export { probeDataset, probeDatasets, PROBE_BYTES, type DatasetProbe, type ProbeOptions } from './probeDataset';
export { DEFAULT_MAX_DATASET_BYTES } from './types';
export type {
  Dataset,
  DatasetFormat,
  DatasetSplit,
  Example,
  LoadDatasetOptions,
  SkippedRow,
  SplitOptions,
} from './types';
