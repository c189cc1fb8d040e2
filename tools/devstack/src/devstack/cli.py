"""`devstack provision | up`: provision the real stack, or run the whole platform with demo data."""

import argparse
import asyncio
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

from devstack.demo import seed_demo
from devstack.gendocs import release_contracts, stale_files, write_docs
from devstack.keycloak import DEV_ADMIN, seed_database
from devstack.realm import demo_users, describe_demo_users
from devstack.services import DEFAULT_PORTS, SERVICES, RunningService, start_service, wait_healthy
from devstack.stack import LocalStack, provision
from devstack.tokens import TEST_CLIENT, Tokens
from devstack.toolcheck import MissingToolError


def _try_it(issuer: str, reporting_url: str, user: str = "viewer.bekasi") -> str:
    """A token fetch and an API call to copy (dev realm only: the test client's password grant)."""
    password = next(u.password for u in demo_users() if u.username == user)
    login = (
        f"-d grant_type=password -d client_id={TEST_CLIENT} -d username={user} "
        f"-d password={password} {Tokens(issuer).token_endpoint}"
    )
    access = "python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])'"
    return (
        f"try it as {user}:\n  TOKEN=$(curl -s {login} | {access})\n"
        f'  curl -H "Authorization: Bearer $TOKEN" {reporting_url}/partnerships'
    )


def _demo(no_demo: bool, urls: dict[str, str], issuer: str) -> None:
    """Seed the demo (unless `no_demo`), print what it holds, the seed time and the dashboard."""
    if no_demo:
        print(describe_demo_users(), flush=True)
    else:
        print(
            "seeding the demo (UMKM Juara 2022 Kabupaten Bekasi) through the APIs as the "
            "demo users (--no-demo starts empty) ...",
            flush=True,
        )
        seeded = seed_demo(urls, issuer)
        print(f"{seeded}\n  ({seeded.timings()})\n{seeded.describe_users()}", flush=True)
        for note in seeded.notes:
            print(f"  note: {note}", flush=True)
        print(_try_it(issuer, urls["reporting"]), flush=True)
    print(f"dashboard: {urls['reporting']}/dashboard", flush=True)


def _up(args: argparse.Namespace) -> None:
    data_dir = Path(".run") / "data"
    if args.fresh:
        shutil.rmtree(data_dir, ignore_errors=True)
    run_dir = Path(".run") / time.strftime("%Y%m%d-%H%M%S")  # this run's service logs
    stack = LocalStack(
        kafka_port=args.kafka_port,
        mongo_port=args.mongo_port,
        run_dir=data_dir,  # Kafka's log and the H2 file: kept between runs
        keep_data=True,
        mongo_backend="h2",
        with_keycloak=True,
        keycloak_port=args.keycloak_port,
    )
    services: list[RunningService] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        if stopping:
            return
        stopping = True
        print("\nstopping the platform ...", flush=True)
        for svc in reversed(services):
            svc.process.stop()
        stack.stop()
        print("stopped; no process left behind.", flush=True)

    # Explicit handlers: a launcher started in the background inherits SIGINT as ignored.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: sys.exit(0))
    try:
        print(
            f"starting Kafka on 127.0.0.1:{args.kafka_port} and the Mongo-wire server "
            f"(mongo-java-server, H2) on 127.0.0.1:{args.mongo_port} (data in {data_dir}, "
            "kept between runs; --fresh starts empty) ...",
            flush=True,
        )
        print(f"starting Keycloak on 127.0.0.1:{args.keycloak_port} at the same time ...")
        asyncio.run(stack.start())
        print(
            f"Keycloak issuer {stack.oidc_issuer} (services get it as OIDC_ISSUER); admin "
            f"console http://127.0.0.1:{args.keycloak_port}/admin ({' / '.join(DEV_ADMIN)})",
            flush=True,
        )
        print(
            "Kafka requires SASL/SCRAM-SHA-512 and enforces ACLs; each service gets its own "
            f"login, the tooling's admin login is in {data_dir}/kafka/principals.json",
            flush=True,
        )
        env = {
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": stack.bootstrap_servers,
            "MONGODB_URL": stack.mongodb_url,
            "PROFILE": "dev",
            "OIDC_ISSUER": stack.oidc_issuer,
        }
        for name in SERVICES:
            own = {**env, **stack.kafka_env(name)}  # each service gets its own Kafka login only
            services.append(start_service(name, DEFAULT_PORTS[name], run_dir / "logs", own))
        for svc in services:
            wait_healthy(svc)
        state = {
            "kafka": stack.bootstrap_servers,
            "mongodb": stack.mongodb_url,
            "keycloak": {
                "url": f"http://127.0.0.1:{stack.keycloak_port}",
                "issuer": stack.oidc_issuer,
            },
            "services": {s.name: {"url": s.url, "pid": s.process.pid} for s in services},
            "launcher_pid": os.getpid(),
        }
        Path(".run/platform.json").write_text(json.dumps(state, indent=2))
        for svc in services:
            print(f"  {svc.name:<13} {svc.url}/docs   (pid {svc.process.pid})", flush=True)
        # `./dev up` is the dev profile: the demo users' dev passwords are printed.
        _demo(args.no_demo, {s.name: s.url for s in services}, stack.oidc_issuer)
        print("platform is up; Ctrl-C stops everything.", flush=True)
        while all(s.process.exited() is None for s in services):
            time.sleep(1)
        dead = [s.name for s in services if s.process.exited() is not None]
        print(f"service(s) exited: {', '.join(dead)}; see {run_dir}/logs", flush=True)
        sys.exit(1)
    except KeyboardInterrupt:
        pass
    finally:
        stop()


def _docs(check: bool) -> None:
    if check:
        stale = stale_files(Path.cwd())
        if stale:
            sys.exit("stale generated files (run `./dev docs`): " + ", ".join(map(str, stale)))
        print("generated docs are current")
    else:
        for path in write_docs(Path.cwd()):
            print(f"wrote {path}")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="devstack", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "provision",
        help="fetch Kafka, mongo-java-server and Keycloak, build them, seed the realm (cached)",
    )
    up = sub.add_parser(
        "up",
        help="run Kafka, the Mongo-wire server, Keycloak and the four services, with demo data",
    )
    up.add_argument("--kafka-port", type=int, default=9092)
    up.add_argument("--mongo-port", type=int, default=27017)
    up.add_argument("--keycloak-port", type=int, default=8080)
    up.add_argument("--no-demo", action="store_true", help="start without demo data")
    up.add_argument("--fresh", action="store_true", help="delete the kept data first")
    docs = sub.add_parser("docs", help="regenerate JSON Schemas, docs/events.md and AsyncAPI")
    docs.add_argument("--check", action="store_true", help="fail if committed files are stale")
    release = sub.add_parser("release-contracts", help="snapshot schemas as the released version")
    release.add_argument("--major", type=int, default=1)
    args = parser.parse_args()
    try:
        if args.command == "provision":
            provision()
            asyncio.run(seed_database())
        elif args.command == "docs":
            _docs(check=args.check)
        elif args.command == "release-contracts":
            print(f"released schemas written to {release_contracts(Path.cwd(), args.major)}")
        else:
            _up(args)
    except MissingToolError as exc:
        sys.exit(f"error: {exc}")


if __name__ == "__main__":
    main()
