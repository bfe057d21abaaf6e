// The reference for the vision benchmark (VisionBenchmark runs it): the same images through
// @vladmandic/human on Node.js with the WebAssembly backend, one image at a time.
// Usage: node human-bench.mjs faces|objects PASSES IMAGE...
// Images are decoded before timing starts (the Java figures include decoding: this favours Human).
// Prints one JSON line: images per second and latency percentiles in milliseconds.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
require('@tensorflow/tfjs-backend-wasm');
const { Human } = require(path.join(here, 'node_modules/@vladmandic/human/dist/human.node-wasm.js')); // its exports map lacks this entry;
const jpeg = require('jpeg-js');
const { PNG } = require('pngjs');

// Node's fetch has no file:// support; Human loads models with fetch.
const webFetch = globalThis.fetch;
globalThis.fetch = async (url, options) => (String(url).startsWith('file://')
  ? new Response(readFileSync(fileURLToPath(String(url))))
  : webFetch(url, options));

const [service, passesArg, ...files] = process.argv.slice(2);
const off = { enabled: false };
const config = {
  backend: 'wasm',
  wasmPath: path.join(here, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'),
  modelBasePath: 'file://' + path.join(here, 'node_modules/@vladmandic/human/models/'),
  debug: false,
  async: false,
  warmup: 'none',
  cacheSensitivity: 0,
  filter: off,
  gesture: off,
  body: off,
  hand: off,
  segmentation: off,
  face: service === 'faces'
    ? { enabled: true, detector: { maxDetected: 50, minConfidence: 0.5, return: false }, mesh: { enabled: true },
        iris: off, description: { enabled: true }, emotion: off, antispoof: off, liveness: off, attention: off }
    : off,
  object: service === 'objects' ? { enabled: true, minConfidence: 0.3, maxDetected: 100 } : off,
};

function decode(file) {
  const bytes = readFileSync(file);
  if (file.toLowerCase().endsWith('.png')) {
    const png = PNG.sync.read(bytes);
    const rgb = new Uint8Array(png.width * png.height * 3);
    for (let i = 0, j = 0; i < png.data.length; i += 4, j += 3) {
      rgb[j] = png.data[i]; rgb[j + 1] = png.data[i + 1]; rgb[j + 2] = png.data[i + 2];
    }
    return { width: png.width, height: png.height, rgb };
  }
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 1024 });
  return { width: image.width, height: image.height, rgb: image.data };
}

const human = new Human(config);
await human.load();
const images = files.map(decode).map((d) => human.tf.tensor3d(d.rgb, [d.height, d.width, 3], 'int32'));
for (const image of images) await human.detect(image); // warm-up pass
const latencies = [];
const started = performance.now();
for (let pass = 0; pass < Number(passesArg); pass++) {
  for (const image of images) {
    const t0 = performance.now();
    await human.detect(image);
    latencies.push(performance.now() - t0);
  }
}
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]);
console.log(JSON.stringify({
  service, human: human.version, backend: human.tf.getBackend(), images: latencies.length,
  imagesPerSecond: latencies.length / seconds, p50: pct(0.5), p90: pct(0.9), p99: pct(0.99),
}));
