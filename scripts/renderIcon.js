#!/usr/bin/env node
// Renders media/icon.svg to the 128×128 media/icon.png the Marketplace shows, in headless Chromium
// (playwright-core with the system browser). Run after editing the SVG: `node scripts/renderIcon.js`.
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { chromiumPath, CHROMIUM_ARGS } = require('./vscode-harness/chromium');

const SIZE = 128;
const MEDIA = path.join(__dirname, '..', 'media');

async function main() {
  const svg = fs.readFileSync(path.join(MEDIA, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const target = path.join(MEDIA, 'icon.png');
    await page.screenshot({ path: target, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
    console.log(`wrote ${path.relative(process.cwd(), target)} (${fs.statSync(target).size} bytes)`);
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
