#!/usr/bin/env python3
"""make bench: each scenario against chitchat-server and the Node reference peer, alternating,
several rounds, and the ratio ours / reference of every figure with its median.

  bench/compare.py [--rounds 3] [--only NAME,...] [--server PATH]

--server runs another chitchat-server binary as ours (a build of an earlier commit, to compare
before and after a change against the same reference). Rows named "sync full: ..." run ours with
--sync full (every commit fsync'ed); the others with the default --sync normal.

The server runs on core 0 (taskset -c 0) and the generator on core 1; the rate limit and the
per-address connection cap are off; the reference runs with --persist off (memory only, its
fastest mode) while ours keeps its durability on. Results: build/bench/results.json."""
import argparse, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, 'build')
BENCH = os.path.join(BUILD, 'native', 'bench', 'chitchat-bench')
SERVER = os.path.join(BUILD, 'native', 'server', 'chitchat-server')
REFERENCE = os.path.join(BUILD, 'bench', 'reference')
REFERENCE_SOURCE = os.path.join(ROOT, '..', 'shared', 'reference', 'node-v1')

SCENARIOS = [  # name, generator arguments
    ('fanout 100c/1ch/10s', ['fanout', '--clients', '100', '--channels', '1', '--senders', '10', '--seconds', '5']),
    ('fanout 1000c/10ch/100s', ['fanout', '--clients', '1000', '--channels', '10', '--senders', '100', '--seconds', '5']),
    ('fanout 10000c/100ch/100s', ['fanout', '--clients', '10000', '--channels', '100', '--senders', '100', '--seconds', '5']),
    ('latency 10k/s 100c', ['fanout', '--clients', '100', '--channels', '1', '--senders', '10', '--rate', '10', '--seconds', '5']),
    # Half of what we delivered flat out in the first scenario (its median), both servers alike.
    ('latency half load 100c', ['fanout', '--clients', '100', '--channels', '1', '--senders', '10', '--rate', 'HALF', '--seconds', '5']),
    ('idle 10000', ['idle', '--clients', '10000']),
    ('storm 10000', ['storm', '--clients', '10000']),
    ('history 1000c/10ch', ['history', '--clients', '1000', '--channels', '10', '--seconds', '5']),
    ('sync full: fanout 100c/1ch/10s', ['fanout', '--clients', '100', '--channels', '1', '--senders', '10', '--seconds', '5'],
     ['--sync', 'full']),
    ('sync full: fanout 1000c/10ch/100s',
     ['fanout', '--clients', '1000', '--channels', '10', '--senders', '100', '--seconds', '5'], ['--sync', 'full']),
    # Protocol 2's history and search over a store of a million posts: ours only (the reference
    # speaks protocol 1).
    ('archive 1M posts/100ch', ['archive', '--posts', '1000000', '--channels', '100', '--clients', '4',
                                '--seconds', '10'], [], 'ours only'),
]
FIGURES = ['history_p50_ms', 'history_p99_ms', 'search_p50_ms', 'search_p99_ms', 'fill_posts_per_s', 'server_rss_kb',
           'deliveries_per_s', 'server_us_per_delivery', 'server_cpu_s', 'generator_cpu_s', 'p50_ms', 'p99_ms', 'lost',
           'duplicated', 'connect_seconds',
           'server_kb_per_connection', 'open_seconds', 'storm_seconds', 'joins_per_s', 'server_peak_rss_kb']


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start(kind, port, tmp, extra=()):
    if kind == 'ours':
        cmd = [SERVER, *extra, '--port', str(port), '--rate-limit', '0', '--max-conns-per-ip', '0', '--threads', '1',
               '--data-dir', os.path.join(tmp, 'data'), '--uploads', os.path.join(tmp, 'uploads'), '--web-root', tmp]
    else:
        cmd = ['node', os.path.join(REFERENCE, 'server.js'), '--port', str(port), '--persist', 'off',
               '--data-dir', os.path.join(tmp, 'data'), '--uploads', os.path.join(tmp, 'uploads'), '--web-root', tmp]
    proc = subprocess.Popen(['taskset', '-c', '0'] + cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f'{kind} server did not start')


RUN_TIMEOUT = 120  # seconds; a server that needs longer for a scenario is reported as not finishing


def run(kind, args, extra=()):
    tmp = tempfile.mkdtemp(prefix='chitchat-bench-')
    port = free_port()
    proc = start(kind, port, tmp, extra)
    try:
        try:
            out = subprocess.run(['taskset', '-c', '1', BENCH] + args + ['--port', str(port), '--server-pid', str(proc.pid)],
                                 capture_output=True, text=True, timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            return None
        line = next((l for l in out.stdout.splitlines() if l.startswith('{')), None)
        if not line:
            raise RuntimeError(f'{kind}: {out.stderr.strip()}')
        return json.loads(line)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--only', help='run the scenarios whose name starts with one of these (comma-separated)')
    parser.add_argument('--server', help='the chitchat-server binary to run as ours')
    opts = parser.parse_args()
    global SERVER
    SERVER = os.path.abspath(opts.server) if opts.server else SERVER
    if not os.path.isdir(os.path.join(REFERENCE, 'node_modules')):
        shutil.rmtree(REFERENCE, ignore_errors=True)
        shutil.copytree(REFERENCE_SOURCE, REFERENCE)
        subprocess.run(['npm', 'ci', '--no-audit', '--no-fund', '--silent'], cwd=REFERENCE, check=True)
    results = {}
    ours_only = set()
    for name, args, *rest in SCENARIOS:
        extra = rest[0] if rest else []
        if len(rest) > 1:
            ours_only.add(name)
        if opts.only and not any(name.startswith(p) for p in opts.only.split(',')):
            continue
        if 'HALF' in args:
            saturated = results.get('fanout 100c/1ch/10s')
            if not saturated:
                continue
            per_sender = statistics.median(r['ours']['deliveries_per_s'] for r in saturated) / 2 / 100 / 10
            args = [f'{per_sender:.0f}' if a == 'HALF' else a for a in args]
        rounds = []
        reference_finishes = True
        for r in range(opts.rounds):
            ours = run('ours', args, extra)
            ref = run('reference', args) if reference_finishes and name not in ours_only else None
            reference_finishes = ref is not None  # once it did not, do not wait for it again
            if ours is None:
                print(f'{name}: our server did not finish within {RUN_TIMEOUT} s', file=sys.stderr)
                continue
            rounds.append({'ours': ours, 'reference': ref})
            print(f'{name} round {r + 1}: ours {json.dumps(ours)}\n{" " * len(name)}          reference {json.dumps(ref)}',
                  file=sys.stderr)
        results[name] = rounds
    os.makedirs(os.path.join(BUILD, 'bench'), exist_ok=True)
    with open(os.path.join(BUILD, 'bench', 'results.json'), 'w') as f:
        json.dump(results, f, indent=1)

    print(f'{"scenario":34} {"figure":26} {"ours":>12} {"reference":>12} {"ratio":>8}')
    for name, rounds in results.items():
        if not rounds:
            continue
        for fig in FIGURES:
            if fig not in rounds[0]['ours']:
                continue
            ours = statistics.median(r['ours'][fig] for r in rounds)
            refs = [r['reference'][fig] for r in rounds if r['reference']]
            if not refs:
                missing = 'n/a' if name in ours_only else '> ' + str(RUN_TIMEOUT) + ' s'
                print(f'{name:34} {fig:26} {ours:12.3f} {missing:>12} {"-":>8}')
                continue
            ref = statistics.median(refs)
            ratios = [r['ours'][fig] / r['reference'][fig] for r in rounds if r['reference'] and r['reference'][fig]]
            ratio = f'{statistics.median(ratios):.2f}' if ratios else '-'
            print(f'{name:34} {fig:26} {ours:12.3f} {ref:12.3f} {ratio:>8}')


if __name__ == '__main__':
    main()
