"""Keycloak, the local OpenID Connect provider: the realm seeded once, then started per run.

The distribution is provisioned and built once (devstack.keycloak_dist), so every start is
`start --optimized`. The cached distribution is never written again: each run gets a small home of
its own (a copy of `bin/kc.sh`, its own `data/`, the rest linked to the cache), so test sessions
and `./dev up` run side by side. Creating Keycloak's schema and importing the realm file cost about
15 s, so that is done once per realm-file version into a seed database that each run copies.
"""

import asyncio
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from devstack.keycloak_dist import java_env, provision_keycloak
from devstack.ports import free_port
from devstack.process import ManagedProcess
from devstack.readiness import wait_until
from devstack.realm import REALM, realm_digest, realm_text

_LINKED = ("lib", "providers", "themes", "conf")  # shared, read-only after the build
DEV_ADMIN = ("admin", "admin-dev-123")  # the master realm's admin, in the dev seed only


def _run_home(run_dir: Path) -> Path:
    """This run's Keycloak home: its own `bin/kc.sh` (so `kc.home.dir` points here) and data."""
    dist, home = provision_keycloak(), run_dir.resolve() / "keycloak"
    (home / "bin").mkdir(parents=True, exist_ok=True)
    (home / "data").mkdir(exist_ok=True)
    shutil.copy2(dist / "bin/kc.sh", home / "bin/kc.sh")
    for name in _LINKED:
        if not (home / name).is_symlink():
            (home / name).symlink_to(dist / name)
    return home


def issuer_url(port: int) -> str:
    """The realm's issuer on a loopback port (what services get as OIDC_ISSUER)."""
    return f"http://127.0.0.1:{port}/realms/{REALM}"


def keycloak_probe(issuer: str) -> Callable[[], Awaitable[None]]:
    """A probe that succeeds once the realm serves its discovery document for this issuer."""

    async def probe() -> None:
        async with httpx.AsyncClient(timeout=3) as http:
            resp = await http.get(f"{issuer}/.well-known/openid-configuration")
        resp.raise_for_status()
        if resp.json().get("issuer") != issuer:
            raise RuntimeError(f"unexpected issuer {resp.json().get('issuer')!r}")

    return probe


def _launch(
    home: Path, port: int, management_port: int, heap_mb: int, *extra: str
) -> ManagedProcess:
    argv = [
        str(home / "bin/kc.sh"),
        "start",
        "--optimized",
        "--http-enabled=true",
        "--http-host=127.0.0.1",
        f"--http-port={port}",
        f"--http-management-port={management_port}",
        "--hostname-strict=false",  # the issuer follows the address asked: 127.0.0.1 here
        "--cache=local",  # one node: no cluster discovery
        *extra,
    ]
    env = java_env(heap_mb)
    if "--import-realm" in extra:
        env["KC_BOOTSTRAP_ADMIN_USERNAME"], env["KC_BOOTSTRAP_ADMIN_PASSWORD"] = DEV_ADMIN
    return ManagedProcess("keycloak", argv, log_path=home / "keycloak.log", cwd=home, env=env)


async def seed_database() -> Path:
    """The H2 database with Keycloak's schema and the realm imported, made once per realm file."""
    seed = provision_keycloak() / f"seed-{realm_digest()}"
    if (seed / ".complete").exists():
        return seed
    with tempfile.TemporaryDirectory(dir=seed.parent, prefix="seeding-") as work:
        home = _run_home(Path(work))
        (home / "data/import").mkdir(parents=True)
        (home / f"data/import/{REALM}-realm.json").write_text(realm_text())
        port = free_port()
        proc = _launch(home, port, free_port(), 512, "--import-realm")
        try:
            probe = keycloak_probe(issuer_url(port))
            await wait_until("Keycloak (importing the realm)", probe, proc, within=300)
        finally:
            await asyncio.to_thread(proc.stop, 60)  # a clean stop closes the H2 file
        staging = Path(work) / "seed"
        staging.mkdir()
        shutil.copy2(home / "data/h2/keycloakdb.mv.db", staging / "keycloakdb.mv.db")
        (staging / ".complete").write_text(realm_digest())
        try:
            staging.rename(seed)  # atomic; a concurrent seeder may have won: theirs is as good
        except OSError:
            if not (seed / ".complete").exists():
                raise
    return seed


async def run_keycloak(
    run_dir: Path, port: int, management_port: int = 0, heap_mb: int = 512
) -> ManagedProcess:
    """Start Keycloak on 127.0.0.1:`port` with the realm and wait until it serves the realm.

    A database kept under `run_dir` (`./dev up`) is reused while the Keycloak version and the
    realm file are unchanged; otherwise it is replaced by a copy of the seed.
    """
    seed = await seed_database()
    home = await asyncio.to_thread(_run_home, run_dir)
    h2, marker = home / "data/h2", home / "data/seed"
    if not marker.exists() or marker.read_text() != str(seed):
        shutil.rmtree(h2, ignore_errors=True)
        h2.mkdir(parents=True)
        shutil.copy2(seed / "keycloakdb.mv.db", h2 / "keycloakdb.mv.db")
        marker.write_text(str(seed))
    proc = _launch(home, port, management_port or free_port(), heap_mb)
    try:
        await wait_until("Keycloak", keycloak_probe(issuer_url(port)), proc, within=180)
    except BaseException:
        proc.stop()
        raise
    return proc
