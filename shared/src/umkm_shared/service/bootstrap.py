"""One way to build and run a service: settings → clients → topics → broker → relays → app.

A service describes itself once, as a `ServiceDefinition` (its name, the contexts it
publishes, the topics it consumes, its routers, and `assemble`: how it builds its
application service on the clients). `create_app` turns that into a FastAPI app whose ONE
lifespan starts everything in order and stops it in reverse:

1. logging and tracing configured; topics ensured (its own, the ones it reads, its DLT);
2. MongoDB client and the Kafka broker (idempotent producer) created;
3. `assemble(runtime)`: the service builds its stores and indexes, puts what routes need on
   `app.state`, and registers its relays, its consumer and its background work;
4. the broker connects; relays, background tasks and the consumer start; `/ready` turns 200;
5. on shut-down: `/ready` turns 503, the consumer stops (its last batch committed), relays
   and background tasks stop (one-off tasks such as import jobs are cancelled and awaited),
   the `on_stop` callbacks run, the broker and the Mongo client close.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import uvicorn
from fastapi import APIRouter, FastAPI
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from umkm_shared import auth, observability
from umkm_shared.contracts.asyncapi import declare_publishers, render_asyncapi
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.batch_consumer import BatchConsumer, BatchHandler
from umkm_shared.messaging.broker import make_broker
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.outbox import OutboxRelay
from umkm_shared.messaging.store_epoch import store_epoch
from umkm_shared.messaging.topics_admin import ensure_topics
from umkm_shared.mongo import Document, connect
from umkm_shared.service import deadline, health, limits, problems
from umkm_shared.settings import ConsumerSettings, ServiceSettings

log = logging.getLogger(__name__)

S = TypeVar("S", bound=ServiceSettings)
Loop = Callable[[asyncio.Event], Coroutine[Any, Any, None]]
"""Background work that runs until the event is set."""


@dataclass(frozen=True)
class Subscription:
    """What a service consumes: for the consumer, the topics to create and the AsyncAPI doc."""

    contexts: tuple[Context, ...]
    title: str
    description: str


@dataclass(frozen=True)
class ServiceDefinition(Generic[S]):
    """Everything the bootstrap needs to know about one service."""

    name: str
    """Also the Kafka client id and the `python -m` module."""
    summary: str
    """One sentence for the OpenAPI and AsyncAPI documents."""
    publishes: tuple[Context, ...]
    routers: Sequence[APIRouter]
    assemble: Callable[["Runtime[S]"], Awaitable[None]]
    subscription: Subscription | None = None
    version: str = "0.3.0"

    def consumed_topics(self, settings: S) -> list[str]:
        """The event topics this service reads."""
        contexts = self.subscription.contexts if self.subscription else ()
        return [settings.topics.events(context) for context in contexts]

    def topics_to_ensure(self, settings: S) -> list[str]:
        """Its own event topics, the ones it reads (it may start first), and its DLT."""
        names = [settings.topics.events(context) for context in self.publishes]
        names += self.consumed_topics(settings)
        if isinstance(settings, ConsumerSettings) and self.subscription is not None:
            names.append(settings.topics.dead_letter(settings.consumer_group))
        return names


@dataclass
class Runtime(Generic[S]):
    """The clients the lifespan built, and what the service registers to start and stop."""

    definition: ServiceDefinition[S]
    settings: S
    app: FastAPI
    client: AsyncMongoClient[Document]
    broker: KafkaBroker
    publisher: KafkaEventPublisher
    _relays: list[OutboxRelay] = field(default_factory=list)
    _loops: list[tuple[str, Loop]] = field(default_factory=list)
    _consumers: list[BatchConsumer] = field(default_factory=list)
    _stops: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    _spawned: set[asyncio.Task[Any]] = field(default_factory=set)

    @property
    def db(self) -> AsyncDatabase[Document]:
        """The service's own database."""
        return self.client.get_database(self.settings.mongodb_database)

    def relay(self, collection: AsyncCollection[Document]) -> OutboxRelay:
        """An outbox relay for `collection`, run for the service's lifetime.

        Wire its `notify` into the store that writes the collection, so events leave at once.
        """
        hook = self.settings.test_relay_exit_after_batches  # None outside profile `test`
        relay = OutboxRelay(collection, self.publisher, exit_after_batches=hook)
        self._relays.append(relay)
        return relay

    def subscribe_with_dead_letters(self, handler: BatchHandler) -> BatchConsumer:
        """The service's consumer over its subscription: batches to `handler`, poison to the DLT.

        Offsets are committed per batch after `handler` returned (its writes done), with the
        epoch of the service's database: if the database is new (dropped, restored empty),
        the topics are read again from the beginning (`umkm_shared.messaging.store_epoch`).
        """
        if self.definition.subscription is None or not isinstance(self.settings, ConsumerSettings):
            raise TypeError(f"{self.definition.name} declares no subscription")
        batches = self.settings.batch_settings(
            self.definition.consumed_topics(self.settings), client_id=self.definition.name
        )
        db, group = self.db, batches.group_id
        consumer = BatchConsumer(
            batches, handler, self.publisher, epoch=lambda: store_epoch(db, group)
        )
        self._consumers.append(consumer)
        return consumer

    def background(self, name: str, loop: Loop) -> None:
        """Run `loop(stop)` for the service's lifetime; it must return soon after `stop` is set."""
        self._loops.append((name, loop))

    def spawn(self, work: Coroutine[Any, Any, object], name: str) -> asyncio.Task[Any]:
        """Run one-off work (an import job) now; cancelled and awaited at shut-down."""
        task = asyncio.create_task(work, name=name)
        self._spawned.add(task)
        task.add_done_callback(self._spawned.discard)
        return task

    def on_stop(self, callback: Callable[[], Awaitable[None]]) -> None:
        """Run `callback` at shut-down, before the clients close (reverse order of registration)."""
        self._stops.append(callback)

    def checks(self) -> dict[str, health.Check]:
        """The dependency pings `/ready` runs."""

        async def mongo() -> bool:
            await self.client.admin.command("ping")
            return True

        async def kafka() -> bool:
            return await self.broker.ping(timeout=health.PING_TIMEOUT_SECONDS)

        return {"mongodb": mongo, "kafka": kafka}

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Start what was registered; stop it in reverse order on the way out."""
        await self.broker.start()
        stop = asyncio.Event()
        loops = [
            asyncio.create_task(relay.run(stop), name=f"outbox-relay-{relay.collection_name}")
            for relay in self._relays
        ]
        loops += [asyncio.create_task(loop(stop), name=name) for name, loop in self._loops]
        try:
            for consumer in self._consumers:
                await consumer.start()
            yield
        finally:
            for consumer in reversed(self._consumers):
                await consumer.stop()
            stop.set()
            await asyncio.gather(*loops, return_exceptions=True)
            for task in list(self._spawned):
                task.cancel()
            await asyncio.gather(*self._spawned, return_exceptions=True)
            for callback in reversed(self._stops):
                await callback()
            await self.broker.stop()


def create_app(definition: ServiceDefinition[S], settings: S) -> FastAPI:
    """The service's ASGI app; every client is built in its lifespan, none at import."""
    runtime: list[Runtime[S]] = []  # set while the lifespan runs, for `/ready`

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        observability.configure(definition.name)
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            settings.topic_specs(*definition.topics_to_ensure(settings)),
            settings.kafka_security,
        )
        client = connect(settings.mongodb_url)
        broker = make_broker(settings, client_id=definition.name)
        built = Runtime(definition, settings, app, client, broker, KafkaEventPublisher(broker))
        app.state.settings = settings
        try:
            await definition.assemble(built)
            async with built.running():
                runtime.append(built)
                log.info("%s started", definition.name)
                try:
                    yield
                finally:
                    runtime.clear()
        finally:
            await client.close()

    app = FastAPI(
        title=f"UMKM Juara: {definition.name}",
        description=definition.summary,
        version=definition.version,
        lifespan=lifespan,
    )
    app.include_router(health.router(lambda: runtime[0].checks() if runtime else {}))
    for router in definition.routers:
        app.include_router(router)
    problems.install(app)
    auth.install(app, settings)  # every route's `require(action)` checks tokens of the issuer
    limits.install(app, settings)  # bounded bodies, writes paced per caller
    deadline.install(app, settings)  # a slow store answers commands 503, not a hang
    observability.instrument_app(app, definition.name)
    return app


def serve(definition: ServiceDefinition[S], settings_type: Callable[[], S]) -> None:
    """`python -m <service>`: serve the API, relays and consumer until SIGTERM."""
    settings = settings_type()
    observability.configure(definition.name)  # JSON lines from uvicorn's first line on
    app = create_app(definition, settings)
    uvicorn.run(app, host=settings.http_host, port=settings.http_port, log_config=None)


def asyncapi_document(definition: ServiceDefinition[S], settings: S) -> str:
    """The service's AsyncAPI 3 document: what it publishes and what it consumes (no I/O)."""
    broker = make_broker(settings, client_id=definition.name)
    for context in definition.publishes:
        declare_publishers(broker, settings.topics, context)
    subscription = definition.subscription
    if subscription is not None and isinstance(settings, ConsumerSettings):
        dlt = settings.topics.dead_letter(settings.consumer_group)

        @broker.subscriber(
            *definition.consumed_topics(settings),
            group_id=settings.consumer_group,
            auto_offset_reset="earliest",
            title=subscription.title,
            description=f"{subscription.description} Poison to {dlt}.",
        )
        async def consume(message: KafkaMessage) -> None:  # pragma: no cover - never started
            raise NotImplementedError("documentation only; BatchConsumer consumes these topics")

    return render_asyncapi(broker, definition.name, definition.summary)
