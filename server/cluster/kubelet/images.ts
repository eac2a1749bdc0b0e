// The image catalogue: what a "registry" holds, as data. A repository lists the versions it knows;
// any tag naming one of them (latest, 1, 1.27, 1.27.5, with or without a variant suffix such as
// -alpine) resolves, anything else is "not found" as containerd would report it. An image gives the
// container its default command, environment and working directory, a few files for its root
// filesystem, and (for server images) a stand-in program run with busybox sh that prints the
// server's usual start-up lines and then waits, plus `serves`: what it listens on, for probes and
// for the network module's stand-in answers.
import { createHash } from 'node:crypto';

export interface Serves {
  port: number;
  protocol?: 'TCP' | 'UDP';
  /** What answers: 'http' (docroot files), 'dns', 'redis', 'mysql', 'postgres', 'memcached', 'https', 'etcd', 'tcp'. */
  app: string;
  docroot?: string;
}

export interface FileDef {
  content: string;
  mode?: number;
}

export interface ImageDef {
  /** Normalized repository: `docker.io/library/nginx`, `registry.k8s.io/pause`. */
  repo: string;
  /** Known versions, newest last; `latest` resolves to the last. */
  versions: string[];
  /** Tag suffixes/variants accepted after a version (`alpine` → `1.27-alpine`, and `alpine` alone). */
  variants?: string[];
  /** Tags accepted verbatim besides versions (`stable`, `mainline`). */
  extraTags?: string[];
  /** Versions are written with a leading v (`v1.35.2`). */
  vPrefix?: boolean;
  /** Compressed size in bytes (what "Image size:" reports). */
  size: number;
  entrypoint?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  workingDir?: string;
  /** Files of the image's root filesystem (`{{version}}` is replaced by the resolved version). */
  files?: Record<string, string | FileDef>;
  serves?: Serves[];
  /** The OS the image is built on, for /etc/os-release. */
  os?: 'debian' | 'alpine' | 'ubuntu' | 'busybox' | 'distroless';
  /**
   * Who runs the container: 'process' (default, a real process in its sandbox) or 'component'
   * (the runtime's own in-process component, e.g. the API server: see KubeletOptions.componentRunner).
   */
  runner?: 'process' | 'component';
  /** Memory-hungry stress image: `--vm-bytes` beyond the memory limit ends as OOMKilled. */
  stress?: boolean;
}

export interface ResolvedImage {
  def: ImageDef;
  /** As the user wrote it. */
  ref: string;
  /** Fully qualified, as containerd reports it in status.image: `docker.io/library/nginx:1.27`. */
  full: string;
  tag: string;
  version: string;
  /** `docker.io/library/nginx@sha256:…` */
  imageID: string;
  digest: string;
}

const OS_RELEASE: Record<string, string> = {
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  alpine: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
  ubuntu: 'PRETTY_NAME="Ubuntu 24.04.2 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.2 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nUBUNTU_CODENAME=noble\n',
  distroless: 'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\n',
};

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A stand-in server: prints its start-up lines, then waits until TERM/INT/QUIT (exit 0). */
function server(startLines: string, onStop = ''): FileDef {
  return {
    mode: 0o755,
    content: `#!/bin/sh
${startLines}
trap '${onStop}exit 0' TERM INT QUIT
sleep 2147483647 &
wait
`,
  };
}

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const NGINX_ENTRYPOINT = `#!/bin/sh
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    echo "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"
    echo "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/"
    echo "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh"
    echo "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf"
    echo "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"
    echo "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh"
    echo "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh"
    echo "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh"
    echo "/docker-entrypoint.sh: Configuration complete; ready for start up"
fi
exec "$@"
`;

/** nginx: `-s quit|stop|reload`, `-t`, `-v`/`-V`, otherwise the master process stand-in. */
const NGINX_BIN: FileDef = {
  mode: 0o755,
  content: `#!/bin/sh
case "$1" in
  -s)
    case "$2" in
      quit|stop) kill -QUIT 1 2>/dev/null; exit 0 ;;
      reload|reopen) d=$(date +%Y/%m/%d\\ %H:%M:%S); echo "$d [notice] 1#1: signal process started" >&2; exit 0 ;;
      *) echo "nginx: invalid option: \\"-s $2\\"" >&2; exit 1 ;;
    esac ;;
  -t|-T) echo "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok" >&2
     echo "nginx: configuration file /etc/nginx/nginx.conf test is successful" >&2; exit 0 ;;
  -v) echo "nginx version: nginx/{{version}}" >&2; exit 0 ;;
  -V) echo "nginx version: nginx/{{version}}" >&2; echo "built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1)" >&2; exit 0 ;;
esac
if [ "$$" != 1 ]; then echo 'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)' >&2; exit 1; fi
d=$(date +%Y/%m/%d\\ %H:%M:%S)
echo "$d [notice] 1#1: using the \\"epoll\\" event method" >&2
echo "$d [notice] 1#1: nginx/{{version}}" >&2
echo "$d [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1)" >&2
echo "$d [notice] 1#1: OS: Linux $(uname -r)" >&2
echo "$d [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576" >&2
echo "$d [notice] 1#1: start worker processes" >&2
echo "$d [notice] 1#1: start worker process 29" >&2
echo "$d [notice] 1#1: start worker process 30" >&2
trap 'd=$(date +%Y/%m/%d\\ %H:%M:%S); echo "$d [notice] 1#1: signal 3 (SIGQUIT) received, shutting down" >&2; echo "$d [notice] 1#1: exit" >&2; exit 0' QUIT
trap 'd=$(date +%Y/%m/%d\\ %H:%M:%S); echo "$d [notice] 1#1: signal 15 (SIGTERM) received, exiting" >&2; echo "$d [notice] 1#1: exit" >&2; exit 0' TERM INT
sleep 2147483647 &
wait
`,
};

const nginx: Omit<ImageDef, 'repo'> = {
  versions: ['1.14.2', '1.16.1', '1.19.10', '1.21.6', '1.23.4', '1.25.5', '1.26.3', '1.27.5', '1.28.0', '1.29.3'],
  variants: ['alpine', 'alpine-slim', 'bookworm', 'perl', 'alpine-perl', 'otel'], extraTags: ['stable', 'mainline', 'stable-alpine', 'mainline-alpine'],
  size: 72195292, os: 'debian',
  entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'],
  env: { PATH, NGINX_VERSION: '{{version}}', NJS_VERSION: '0.8.10', PKG_RELEASE: '1~bookworm' },
  files: {
    '/docker-entrypoint.sh': { content: NGINX_ENTRYPOINT, mode: 0o755 },
    '/usr/sbin/nginx': NGINX_BIN,
    '/usr/share/nginx/html/index.html': NGINX_INDEX,
    '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
    '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
    '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n',
    '/var/log/nginx/.keep': '',
  },
  serves: [{ port: 80, app: 'http', docroot: '/usr/share/nginx/html' }],
};

const httpd: Omit<ImageDef, 'repo'> = {
  versions: ['2.4.62', '2.4.63', '2.4.65'], variants: ['alpine', 'bookworm'], size: 58000000, os: 'debian',
  cmd: ['httpd-foreground'], workingDir: '/usr/local/apache2',
  env: { PATH: `/usr/local/apache2/bin:${PATH}`, HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: '{{version}}' },
  files: {
    '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n',
    '/usr/local/bin/httpd-foreground': server(`d=$(date '+%a %b %d %H:%M:%S.000000 %Y')
echo "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using $(hostname -i 2>/dev/null || echo 127.0.0.1). Set the 'ServerName' directive globally to suppress this message" >&2
echo "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using $(hostname -i 2>/dev/null || echo 127.0.0.1). Set the 'ServerName' directive globally to suppress this message" >&2
echo "[$d] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/{{version}} (Unix) configured -- resuming normal operations" >&2
echo "[$d] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'" >&2`),
    '/usr/local/apache2/conf/httpd.conf': 'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n',
  },
  serves: [{ port: 80, app: 'http', docroot: '/usr/local/apache2/htdocs' }],
};

const shell = (os: ImageDef['os'], size: number, versions: string[], variants: string[] = []): Omit<ImageDef, 'repo'> => ({
  versions, variants, size, os, cmd: os === 'busybox' ? ['sh'] : os === 'alpine' ? ['/bin/sh'] : ['/bin/bash'], env: { PATH },
});

const REDIS_START = `echo "1:C $(date '+%d %b %Y %H:%M:%S.000') # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition."
echo "1:C $(date '+%d %b %Y %H:%M:%S.000') * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"
echo "1:C $(date '+%d %b %Y %H:%M:%S.000') * Redis version={{version}}, bits=64, commit=00000000, modified=0, pid=1, just started"
echo "1:C $(date '+%d %b %Y %H:%M:%S.000') # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf"
echo "1:M $(date '+%d %b %Y %H:%M:%S.000') * monotonic clock: POSIX clock_gettime"
echo "1:M $(date '+%d %b %Y %H:%M:%S.000') * Running mode=standalone, port=6379."
echo "1:M $(date '+%d %b %Y %H:%M:%S.000') * Server initialized"
echo "1:M $(date '+%d %b %Y %H:%M:%S.000') * Ready to accept connections tcp"`;

const MYSQL_START = `d=$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)
if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "$MYSQL_ALLOW_EMPTY_PASSWORD" ] && [ -z "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
  echo "$(date '+%Y-%m-%d %H:%M:%S+00:00') [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified"
  echo "    You need to specify one of the following as an environment variable:"
  echo "    - MYSQL_ROOT_PASSWORD"
  echo "    - MYSQL_ALLOW_EMPTY_PASSWORD"
  echo "    - MYSQL_RANDOM_ROOT_PASSWORD"
  exit 1
fi
echo "$(date '+%Y-%m-%d %H:%M:%S+00:00') [Note] [Entrypoint]: Entrypoint script for MySQL Server {{version}}-1.el9 started."
echo "$d 0 [System] [MY-015015] [Server] MySQL Server - start."
echo "$d 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld {{version}}) starting as process 1"
echo "$d 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '{{version}}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."`;

const POSTGRES_START = `if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
  echo "Error: Database is uninitialized and superuser password is not specified." >&2
  echo "       You must specify POSTGRES_PASSWORD to a non-empty value for the" >&2
  echo "       superuser. For example, \\"-e POSTGRES_PASSWORD=password\\" on \\"docker run\\"." >&2
  exit 1
fi
d=$(date -u '+%Y-%m-%d %H:%M:%S.000 UTC')
echo "$d [1] LOG:  starting PostgreSQL {{version}} (Debian {{version}}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit"
echo "$d [1] LOG:  listening on IPv4 address \\"0.0.0.0\\", port 5432"
echo "$d [1] LOG:  database system is ready to accept connections"`;

const k8sComponent = (name: string, size: number, lines: string, serves: Serves[], bin = `/usr/local/bin/${name}`): Omit<ImageDef, 'repo'> => ({
  versions: ['1.32.9', '1.33.5', '1.34.2', '1.35.0', '1.35.1', '1.35.2'], vPrefix: true, size, os: 'distroless', env: { PATH },
  entrypoint: [bin],
  files: { [bin]: server(lines) },
  serves, runner: 'component',
});

const klog = (file: string, msg: string) => `echo "I$(date -u +%m%d\\ %H:%M:%S.000000)       1 ${file}] ${msg.replace(/"/g, '\\"')}" >&2`;

export const CATALOGUE: ImageDef[] = [
  { repo: 'docker.io/library/nginx', ...nginx },
  { repo: 'docker.io/library/httpd', ...httpd },
  { repo: 'docker.io/library/busybox', ...shell('busybox', 2160000, ['1.28.4', '1.31.1', '1.33.1', '1.34.1', '1.35.0', '1.36.1', '1.37.0'], ['musl', 'glibc', 'uclibc']) },
  { repo: 'docker.io/library/alpine', ...shell('alpine', 3640000, ['3.16.9', '3.17.10', '3.18.12', '3.19.8', '3.20.7', '3.21.4', '3.22.2']) },
  { repo: 'docker.io/library/ubuntu', ...shell('ubuntu', 29750000, ['18.04', '20.04', '22.04', '24.04', '25.04']), extraTags: ['jammy', 'noble', 'focal', 'bionic', 'rolling'] },
  { repo: 'docker.io/library/debian', ...shell('debian', 48500000, ['10', '11', '12', '13']), variants: ['slim'], extraTags: ['bookworm', 'bookworm-slim', 'bullseye', 'bullseye-slim', 'trixie', 'trixie-slim', 'stable', 'stable-slim'] },
  { repo: 'docker.io/library/centos', ...shell('debian', 79000000, ['7', '8']) },
  {
    repo: 'docker.io/library/redis', versions: ['6.2.20', '7.0.15', '7.2.10', '7.4.6', '8.0.4', '8.2.2'], variants: ['alpine', 'bookworm'], size: 45000000, os: 'debian',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], workingDir: '/data', env: { PATH, REDIS_VERSION: '{{version}}' },
    files: { '/usr/local/bin/docker-entrypoint.sh': { mode: 0o755, content: '#!/bin/sh\nexec "$@"\n' }, '/usr/local/bin/redis-server': server(REDIS_START), '/data/.keep': '' },
    serves: [{ port: 6379, app: 'redis' }],
  },
  {
    repo: 'docker.io/library/mysql', versions: ['5.7.44', '8.0.44', '8.4.7', '9.5.0'], variants: ['oracle', 'debian'], extraTags: ['lts', 'innovation'], size: 170000000, os: 'debian',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], env: { PATH, MYSQL_MAJOR: '8.4', MYSQL_VERSION: '{{version}}-1.el9' },
    files: { '/usr/local/bin/docker-entrypoint.sh': { mode: 0o755, content: '#!/bin/sh\nexec "$@"\n' }, '/usr/sbin/mysqld': server(MYSQL_START) },
    serves: [{ port: 3306, app: 'mysql' }, { port: 33060, app: 'tcp' }],
  },
  {
    repo: 'docker.io/library/postgres', versions: ['13.22', '14.19', '15.14', '16.10', '17.6', '18.0'], variants: ['alpine', 'bookworm'], size: 158000000, os: 'debian',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], env: { PATH: `/usr/lib/postgresql/17/bin:${PATH}`, PGDATA: '/var/lib/postgresql/data', PG_VERSION: '{{version}}' },
    files: { '/usr/local/bin/docker-entrypoint.sh': { mode: 0o755, content: '#!/bin/sh\nexec "$@"\n' }, '/usr/local/bin/postgres': server(POSTGRES_START) },
    serves: [{ port: 5432, app: 'postgres' }],
  },
  {
    repo: 'docker.io/library/memcached', versions: ['1.6.38', '1.6.39'], variants: ['alpine', 'bookworm'], size: 32000000, os: 'debian',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], env: { PATH, MEMCACHED_VERSION: '{{version}}' },
    files: { '/usr/local/bin/docker-entrypoint.sh': { mode: 0o755, content: '#!/bin/sh\nexec "$@"\n' }, '/usr/local/bin/memcached': server('') },
    serves: [{ port: 11211, app: 'memcached' }],
  },
  {
    repo: 'docker.io/library/python', versions: ['3.9.24', '3.10.19', '3.11.14', '3.12.12', '3.13.9', '3.14.0'], variants: ['slim', 'alpine', 'bookworm', 'slim-bookworm'], size: 412000000, os: 'debian',
    cmd: ['python3'], env: { PATH, PYTHON_VERSION: '{{version}}', LANG: 'C.UTF-8' },
    files: {
      '/usr/local/bin/python3': { mode: 0o755, content: '#!/bin/sh\ncase "$1" in\n  -V|--version) echo "Python {{version}}"; exit 0 ;;\n  -m) if [ "$2" = http.server ]; then echo "Serving HTTP on 0.0.0.0 port ${3:-8000} (http://0.0.0.0:${3:-8000}/) ..."; trap "exit 0" TERM INT; sleep 2147483647 & wait; fi ;;\n  -c) exit 0 ;;\nesac\n[ -t 0 ] || exit 0\necho "Python {{version}} (main) [GCC 12.2.0] on linux"\nexec sh\n' },
      '/usr/local/bin/python': { mode: 0o755, content: '#!/bin/sh\nexec python3 "$@"\n' },
    },
  },
  {
    repo: 'docker.io/library/node', versions: ['18.20.8', '20.19.5', '22.21.0', '24.11.0'], variants: ['alpine', 'slim', 'bookworm'], extraTags: ['lts', 'current'], size: 398000000, os: 'debian',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], env: { PATH, NODE_VERSION: '{{version}}', YARN_VERSION: '1.22.22' },
    files: { '/usr/local/bin/docker-entrypoint.sh': { mode: 0o755, content: '#!/bin/sh\nexec "$@"\n' }, '/usr/local/bin/node': { mode: 0o755, content: '#!/bin/sh\ncase "$1" in -v|--version) echo "v{{version}}"; exit 0;; esac\nexit 0\n' } },
  },
  {
    repo: 'docker.io/polinux/stress', versions: ['1.0.4'], size: 4100000, os: 'alpine', stress: true, env: { PATH },
    cmd: ['stress', '--help'],
    files: {
      '/usr/local/bin/stress': {
        mode: 0o755,
        content: `#!/bin/sh
# a stand-in for stress(1): --vm N --vm-bytes SIZE [--vm-hang S] [--timeout S]; the runtime enforces the memory limit
echo "stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd"
trap 'exit 0' TERM INT
t=""; while [ $# -gt 0 ]; do case "$1" in --timeout|-t) t="$2"; shift ;; esac; shift; done
if [ -n "$t" ]; then sleep "\${t%s}"; echo "stress: info: [1] successful run completed in \${t%s}s"; exit 0; fi
sleep 2147483647 &
wait
`,
      },
    },
  },
  { repo: 'docker.io/progrium/stress', versions: ['latest'], size: 2800000, os: 'ubuntu', stress: true, entrypoint: ['/usr/bin/stress', '--verbose'], env: { PATH }, files: { '/usr/bin/stress': { mode: 0o755, content: '#!/bin/sh\nexec /usr/local/bin/stress "$@"\n' } } },
  { repo: 'docker.io/curlimages/curl', versions: ['8.11.1', '8.14.1', '8.16.0'], size: 11000000, os: 'alpine', entrypoint: ['/entrypoint.sh'], cmd: ['curl'], env: { PATH }, files: { '/entrypoint.sh': { mode: 0o755, content: '#!/bin/sh\nexec "$@"\n' } } },
  { repo: 'docker.io/nicolaka/netshoot', versions: ['0.13', '0.14'], size: 210000000, os: 'alpine', cmd: ['zsh'], env: { PATH }, files: { '/bin/zsh': { mode: 0o755, content: '#!/bin/sh\nexec sh "$@"\n' } } },
  { repo: 'docker.io/bitnami/kubectl', versions: ['1.33.4', '1.34.1', '1.35.0'], size: 86000000, os: 'debian', entrypoint: ['kubectl'], env: { PATH } },
  {
    repo: 'registry.k8s.io/pause', versions: ['3.6', '3.8', '3.9', '3.10', '3.10.1'], size: 320368, os: 'distroless', entrypoint: ['/pause'], env: { PATH },
    files: { '/pause': server('') },
  },
  {
    repo: 'registry.k8s.io/etcd', versions: ['3.5.21-0', '3.6.4-0', '3.6.5-0'], size: 23300000, os: 'distroless', env: { PATH }, runner: 'component',
    files: { '/usr/local/bin/etcd': server('') },
    serves: [{ port: 2379, app: 'etcd' }, { port: 2380, app: 'tcp' }, { port: 2381, app: 'http' }],
  },
  { repo: 'registry.k8s.io/kube-apiserver', ...k8sComponent('kube-apiserver', 27000000, klog('options.go:249', 'external host was not specified, using $(hostname -i 2>/dev/null)'), [{ port: 6443, app: 'https' }]) },
  { repo: 'registry.k8s.io/kube-controller-manager', ...k8sComponent('kube-controller-manager', 25000000, klog('serving.go:386', 'Generated self-signed cert in-memory'), [{ port: 10257, app: 'https' }]) },
  { repo: 'registry.k8s.io/kube-scheduler', ...k8sComponent('kube-scheduler', 19000000, klog('serving.go:386', 'Generated self-signed cert in-memory'), [{ port: 10259, app: 'https' }]) },
  {
    repo: 'registry.k8s.io/kube-proxy', ...k8sComponent('kube-proxy', 30000000, `${klog('server_linux.go:66', '"Using iptables proxy"')}
${klog('server.go:698', '"Successfully retrieved node IP(s)" IPs=["$(hostname -i 2>/dev/null)"]')}
${klog('shared_informer.go:350', '"Waiting for caches to sync" controller="service config"')}
${klog('shared_informer.go:357', '"Caches are synced" controller="service config"')}`, [{ port: 10249, app: 'http' }, { port: 10256, app: 'http' }]), runner: 'process',
  },
  {
    repo: 'registry.k8s.io/coredns/coredns', versions: ['1.10.1', '1.11.1', '1.11.3', '1.12.0', '1.12.1', '1.13.1'], vPrefix: true, size: 22000000, os: 'distroless',
    entrypoint: ['/coredns'], env: { PATH },
    files: { '/coredns': server('echo ".:53"\necho "[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b"\necho "CoreDNS-{{version}}"\necho "linux/amd64, go1.24.1, 707c7c1"') },
    serves: [{ port: 53, protocol: 'UDP', app: 'dns' }, { port: 53, app: 'dns' }, { port: 9153, app: 'http' }, { port: 8080, app: 'http' }, { port: 8181, app: 'http' }],
  },
  {
    repo: 'registry.k8s.io/metrics-server/metrics-server', versions: ['0.7.1', '0.7.2', '0.8.0'], vPrefix: true, size: 19500000, os: 'distroless', entrypoint: ['/metrics-server'], env: { PATH },
    files: { '/metrics-server': server(klog('serving.go:374', 'Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)')) },
    serves: [{ port: 10250, app: 'https' }, { port: 4443, app: 'https' }],
  },
  {
    repo: 'ghcr.io/flannel-io/flannel', versions: ['0.26.7', '0.27.0', '0.27.4'], vPrefix: true, size: 33000000, os: 'alpine', env: { PATH },
    files: { '/opt/bin/flanneld': server(klog('main.go:211', 'CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network kubeSubnetMgr:true ipMasq:true}')) },
  },
  { repo: 'ghcr.io/flannel-io/flannel-cni-plugin', versions: ['1.6.2-flannel1', '1.7.1-flannel1', '1.8.0-flannel1'], vPrefix: true, size: 4900000, os: 'alpine', env: { PATH }, files: { '/flannel': { mode: 0o755, content: '#!/bin/sh\necho "CNI plugin flannel version v1.8.0-flannel1"\n' } } },
  {
    repo: 'docker.io/rancher/local-path-provisioner', versions: ['0.0.30', '0.0.31', '0.0.32'], vPrefix: true, size: 21000000, os: 'alpine', env: { PATH },
    files: { '/usr/bin/local-path-provisioner': server('echo "time=\\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\\" level=info msg=\\"Provisioner started\\""') },
  },
  { repo: 'docker.io/kodekloud/webapp-color', versions: ['v1', 'v2', 'v3'], size: 31000000, os: 'alpine', entrypoint: ['python', 'app.py'], workingDir: '/opt', env: { PATH, APP_COLOR: 'blue' }, files: { '/usr/local/bin/python': server('echo " * Serving Flask app \'app\'"\necho " * Running on all addresses (0.0.0.0)"\necho " * Running on http://127.0.0.1:8080"'), '/opt/app.py': '' }, serves: [{ port: 8080, app: 'http' }] },
  { repo: 'registry.k8s.io/e2e-test-images/jessie-dnsutils', versions: ['1.3', '1.7'], size: 112000000, os: 'debian', cmd: ['/bin/bash'], env: { PATH } },
  { repo: 'registry.k8s.io/e2e-test-images/agnhost', versions: ['2.39', '2.47', '2.52', '2.53'], size: 51000000, os: 'alpine', entrypoint: ['/agnhost'], env: { PATH }, files: { '/agnhost': server('') } },
];

for (const d of CATALOGUE) {
  // shell images run sh or bash: give bash-based images a bash (busybox sh is close enough)
  if (d.cmd?.[0] === '/bin/bash') d.files = { ...(d.files ?? {}), '/bin/bash': { mode: 0o755, content: '#!/bin/sh\nexec /bin/sh "$@"\n' } };
  if (d.cmd?.[0] === 'zsh') d.files = { ...(d.files ?? {}), '/bin/bash': { mode: 0o755, content: '#!/bin/sh\nexec /bin/sh "$@"\n' } };
  if (d.repo === 'docker.io/progrium/stress') d.files = { ...CATALOGUE.find((x) => x.repo === 'docker.io/polinux/stress')!.files, ...d.files };
  if (d.repo === 'docker.io/bitnami/kubectl') d.files = { '/opt/bitnami/kubectl/bin/kubectl': server('') };
}

const BY_REPO = new Map(CATALOGUE.map((d) => [d.repo, d]));

/** Splits a reference into registry/repository, tag and digest, defaulting as containerd does. */
export function parseImageRef(ref: string): { repo: string; tag: string; digest?: string } | undefined {
  let rest = ref.trim();
  if (!rest || /\s|[A-Z]/.test(rest.split('@')[0].split(':')[0])) return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = 'latest';
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  const first = rest.split('/')[0];
  const hasHost = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repo = hasHost ? rest : `docker.io/${rest.includes('/') ? rest : `library/${rest}`}`;
  if (repo.startsWith('k8s.gcr.io/')) repo = `registry.k8s.io/${repo.slice('k8s.gcr.io/'.length)}`;
  if (repo.startsWith('index.docker.io/')) repo = `docker.io/${repo.slice('index.docker.io/'.length)}`;
  if (!/^[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(repo)) return undefined;
  return { repo, tag, digest };
}

function digestOf(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** The version a tag names, or undefined when the repository has no such tag. */
function versionFor(d: ImageDef, tag: string): string | undefined {
  const latest = d.versions[d.versions.length - 1];
  if (tag === 'latest' || d.extraTags?.includes(tag)) return latest;
  let t = tag;
  for (const v of d.variants ?? []) {
    if (t === v) return latest;
    if (t.endsWith(`-${v}`)) {
      t = t.slice(0, -v.length - 1);
      break;
    }
  }
  if (d.vPrefix) {
    if (!t.startsWith('v')) return undefined;
    t = t.slice(1);
  }
  // a full version, or a prefix of one (1, 1.27): the newest matching
  for (let i = d.versions.length - 1; i >= 0; i--) {
    const v = d.versions[i];
    if (v === t || v.startsWith(`${t}.`) || v.startsWith(`${t}-`)) return v;
  }
  return undefined;
}

export type ResolveResult = { ok: true; image: ResolvedImage } | { ok: false; reason: 'InvalidImageName' | 'NotFound'; message: string };

/** Resolves a pod's image reference against the catalogue, or says what containerd would. */
export function resolveImage(ref: string): ResolveResult {
  const p = parseImageRef(ref);
  if (!p) return { ok: false, reason: 'InvalidImageName', message: `Failed to apply default image tag "${ref}": couldn't parse image name "${ref}": invalid reference format` };
  const full = `${p.repo}:${p.tag}`;
  const d = BY_REPO.get(p.repo);
  const version = d && (p.digest ? d.versions[d.versions.length - 1] : versionFor(d, p.tag));
  if (!d || !version) {
    const what = p.digest ? `${p.repo}@${p.digest}` : full;
    const why = d ? `${what}: not found` : `pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    return {
      ok: false, reason: 'NotFound',
      message: d || p.repo.startsWith('docker.io/')
        ? `rpc error: code = ${d ? 'NotFound' : 'Unknown'} desc = failed to pull and unpack image "${what}": failed to resolve reference "${what}": ${why}`
        : `rpc error: code = NotFound desc = failed to pull and unpack image "${what}": failed to resolve reference "${what}": ${what}: not found`,
    };
  }
  const digest = p.digest ?? `sha256:${digestOf(`${p.repo}:${version}:${p.tag}`)}`;
  return {
    ok: true,
    image: { def: d, ref, full: p.digest ? `${p.repo}@${p.digest}` : full, tag: p.tag, version, digest, imageID: `${p.repo}@${digest}` },
  };
}

/** Replaces `{{version}}` in catalogue text. */
export function expand(s: string, img: ResolvedImage): string {
  return s.replace(/\{\{version\}\}/g, img.version);
}

/** The /etc/os-release of an image (busybox images have none). */
export function osRelease(d: ImageDef): string | undefined {
  return d.os && d.os !== 'busybox' ? OS_RELEASE[d.os] : undefined;
}
