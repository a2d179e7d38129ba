// Completes package-lock.json with the platform-specific optional packages that npm could not
// resolve from this machine's partial registry mirror (for example @next/swc-darwin-arm64).
// `npm install` leaves them out of the lock while their parents still list them, and
// `npm ci` then refuses the lock as out of sync. The added entries carry the os and cpu the
// package is built for, so npm skips them on other platforms and fetches them where they fit.
// Run after any `npm install`: node scripts/complete-lockfile.mjs
import fs from 'node:fs';

const LOCK = 'package-lock.json';
const OSES = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'openharmony',
  'win32',
  'netbsd',
  'openbsd',
  'sunos',
  'aix',
];
const CPUS = ['arm', 'arm64', 'ia32', 'x64', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const osIndex = parts.findIndex((part) => OSES.includes(part));
  if (osIndex === -1) return null;
  const cpu = parts.slice(osIndex + 1).find((part) => CPUS.includes(part));
  if (!cpu) return null;
  const entry = { os: [parts[osIndex]], cpu: [cpu] };
  if (parts[osIndex] === 'linux') {
    if (parts.some((part) => part.startsWith('musl'))) entry.libc = ['musl'];
    else if (parts.some((part) => part.startsWith('gnu'))) entry.libc = ['glibc'];
  }
  return entry;
}

const lock = JSON.parse(fs.readFileSync(LOCK, 'utf8'));
const added = [];
for (const [, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[key] = { version, optional: true, ...platform };
    added.push(`${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  ),
);
fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length
    ? `Added ${added.length} platform packages:\n  ${added.join('\n  ')}`
    : 'Lockfile already complete.',
);
