// Times one ONNX network on ONNX Runtime's CPU engine (the npm package onnxruntime-node):
// batch 1, all graph optimisations, sequential execution, N intra-op threads, inputs of
// [1, 3, 224, 224] where the model leaves a dimension open. Two warm-up runs, then timed runs for
// SECONDS (three at least). Prints one JSON line: the median latency in ms and the run count.
//   node bench/onnxruntime_time.js MODEL.onnx THREADS SECONDS
'use strict';
const ort = require('onnxruntime-node');

async function main() {
  const [model, threads, seconds] = process.argv.slice(2);
  if (!model || !threads || !seconds) {
    console.error('usage: onnxruntime_time.js MODEL.onnx THREADS SECONDS');
    process.exit(2);
  }
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: Number(threads),
    interOpNumThreads: 1,
  });
  const feeds = {};
  for (const name of session.inputNames) {
    const meta = session.inputMetadata ? session.inputMetadata.find((m) => m.name === name) : null;
    const dims = meta && meta.shape ? meta.shape.map((d) => (typeof d === 'number' ? d : 1)) :
                                      [1, 3, 224, 224];
    const n = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; ++i) data[i] = Math.sin(i) * 0.5;
    feeds[name] = new ort.Tensor('float32', data, dims);
  }
  for (let i = 0; i < 2; ++i) await session.run(feeds);
  const ms = [];
  const end = process.hrtime.bigint() + BigInt(Math.round(Number(seconds) * 1e9));
  while (ms.length < 3 || process.hrtime.bigint() < end) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] / 2 +
      sorted[Math.ceil((sorted.length - 1) / 2)] / 2;
  const version = ort.env.versions ? ort.env.versions.common : '';
  console.log(
      JSON.stringify({version, threads: Number(threads), median_ms: median, count: ms.length}));
}

main().catch((e) => {
  console.error(String(e));
  process.exit(1);
});
