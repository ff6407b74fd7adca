/**
 * The single place the Node WIM code binds to the XPRESS codec, so the worker, the writer and the reader
 * agree on one implementation.
 */
export { xpressCompressIfSmaller, xpressDecompress } from '../../wim/xpress';
