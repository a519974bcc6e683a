// Build Koordinat's front-end assets into src/koordinat/static/dist/.
//
//   npm ci && npm run build
//
// Compiles frontend/koordinat.scss (compressed, no source map) and copies the
// vendored runtime files (favicon, GOV.UK Frontend ES module bundle, htmx, Chart.js, axe-core for
// browser tests, Noto Sans woff2 subsets for the pages and whole TTFs for PDFs). The output is committed so that a
// machine with Python only can run the application.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nodeModules = join(root, "node_modules");
const dist = join(root, "src", "koordinat", "static", "dist");
const fontsDir = join(dist, "fonts");

const FONT_WEIGHTS = [400, 700];
const FONT_SUBSETS = ["latin", "latin-ext", "cyrillic", "cyrillic-ext"];

function packageFile(pkg, ...parts) {
  // Packages whose "exports" leave out package.json (chart.js) are found in node_modules directly.
  let pkgDir = join(nodeModules, pkg);
  try {
    pkgDir = dirname(require.resolve(`${pkg}/package.json`));
  } catch (error) {
    if (error.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw error;
  }
  const file = join(pkgDir, ...parts);
  if (!existsSync(file)) {
    throw new Error(`missing ${relative(root, file)}: is ${pkg} installed (npm ci)?`);
  }
  return file;
}

function copy(src, dest) {
  copyFileSync(src, dest);
  console.log(`  ${relative(root, dest)}`);
}

// Copy a script without its sourceMappingURL comment: the maps are not shipped,
// and Django's hashed static storage (collectstatic) fails on a missing map.
function copyScript(src, dest) {
  const text = readFileSync(src, "utf8").replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
  writeFileSync(dest, text);
  console.log(`  ${relative(root, dest)}`);
}

// Start from a clean dist/ so removed files do not linger in the repository.
rmSync(dist, { recursive: true, force: true });
mkdirSync(fontsDir, { recursive: true });

console.log("Compiling frontend/koordinat.scss");
const result = sass.compile(join(root, "frontend", "koordinat.scss"), {
  style: "compressed",
  sourceMap: false,
  loadPaths: [nodeModules],
  // GOV.UK Frontend 5 still uses @import and global functions internally.
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "if-function"].filter(
    (id) => id in sass.deprecations,
  ),
});
const cssFile = join(dist, "koordinat.css");
writeFileSync(cssFile, result.css + "\n");
console.log(`  ${relative(root, cssFile)} (${result.css.length} bytes)`);

console.log("Copying vendored files");
copyScript(packageFile("govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
copyScript(packageFile("htmx.org", "dist", "htmx.min.js"), join(dist, "htmx.min.js"));
copyScript(packageFile("axe-core", "axe.min.js"), join(dist, "axe.min.js"));
// Chart.js draws the dashboards' charts over the tables beside them (progressive enhancement).
copyScript(packageFile("chart.js", "dist", "chart.umd.min.js"), join(dist, "chart.umd.min.js"));

for (const weight of FONT_WEIGHTS) {
  for (const subset of FONT_SUBSETS) {
    const name = `noto-sans-${subset}-${weight}-normal.woff2`;
    copy(packageFile("@fontsource/noto-sans", "files", name), join(fontsDir, name));
  }
}
// Whole TrueType fonts for the PDF papers: one file per weight keeps the text in PDFs
// searchable and copyable (subset files of one family confuse text extraction).
copy(packageFile("@expo-google-fonts/noto-sans", "400Regular", "NotoSans_400Regular.ttf"), join(fontsDir, "NotoSans-Regular.ttf"));
copy(packageFile("@expo-google-fonts/noto-sans", "700Bold", "NotoSans_700Bold.ttf"), join(fontsDir, "NotoSans-Bold.ttf"));
copy(join(root, "frontend", "favicon.svg"), join(dist, "favicon.svg"));
copy(packageFile("@fontsource/noto-sans", "LICENSE"), join(fontsDir, "LICENSE-noto-sans.txt"));

const count = readdirSync(dist, { recursive: true }).length;
console.log(`Done: ${count} entries in ${relative(root, dist)}`);
