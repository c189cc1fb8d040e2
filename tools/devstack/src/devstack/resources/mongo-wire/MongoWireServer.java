package umkm.devstack;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The project's local MongoDB-wire server: mongo-java-server on loopback.
 *
 * <p>Usage: {@code MongoWireServer HOST PORT memory} or {@code MongoWireServer HOST PORT h2 FILE}.
 *
 * <p>Two things differ from the library's defaults, both on purpose:
 * <ul>
 *   <li>It declares wire version 9 (MongoDB 4.4), the oldest current PyMongo accepts; the
 *       library reports 8. The project writes for MongoDB 8 semantics and uses no command that
 *       this server lacks, so the declaration only lets the driver connect.</li>
 *   <li>The H2 backend commits its store after every write command before answering, so an
 *       acknowledged write survives a kill -9 of this process. The library's default store
 *       commits about once a second, which lost up to a second of acknowledged writes.</li>
 *   <li>Both backends narrow a filter that names one {@code _id} (plus other fields, as
 *       in a compare-and-set {@code {_id, revision}}) through the unique {@code _id} index
 *       first. The library uses an index only when the filter has exactly the index's fields,
 *       so such an update scanned the whole collection; MongoDB answers it from the index.</li>
 * </ul>
 */
public final class MongoWireServer {

    private MongoWireServer() {
    }

    /** MongoDB 4.4 as far as the driver's handshake is concerned. */
    static final class DeclaredVersion implements MongoVersion {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 4, 0);
        }

        @Override
        public int getWireVersion() {
            return 9;
        }
    }

    /** {@code {_id: <one value>}} for a filter naming one {@code _id} and more; else null. */
    static Document idOnly(Document query) {
        Object id = query.get("_id");
        if (query.size() > 1 && id != null && !(id instanceof Document)) {
            return new Document("_id", id);
        }
        return null;
    }

    /** The documents of a by-id result, to be matched against the whole filter. */
    static List<Document> candidates(QueryResult byId) {
        List<Document> found = new ArrayList<>();
        for (Document doc : byId) {
            found.add(doc);
        }
        return found;
    }

    /** Memory collection whose filters on one {@code _id} plus other fields use the id index. */
    static final class IdFirstCollection extends MemoryCollection {
        IdFirstCollection(MongoDatabase database, String name, CollectionOptions options,
                          CursorRegistry cursorRegistry) {
            super(database, name, options, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit,
                                             int batchSize, Document fieldSelector) {
            Document byId = idOnly(query);
            if (byId == null) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            // The whole filter is still matched: the index only picks the candidate.
            List<Document> found = candidates(super.queryDocuments(byId, null, 0, 0, 0, null));
            return matchDocumentsFromStream(found.stream(), query, orderBy, skip, limit, batchSize,
                fieldSelector);
        }
    }

    /** Memory database that creates {@link IdFirstCollection}s. */
    static final class IdFirstDatabase extends MemoryDatabase {
        IdFirstDatabase(String name, CursorRegistry cursorRegistry) {
            super(name, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
            return new IdFirstCollection(this, name, options, cursorRegistry);
        }
    }

    /** Memory backend of {@link IdFirstDatabase}s. */
    static final class IdFirstMemoryBackend extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new IdFirstDatabase(databaseName, getCursorRegistry());
        }
    }

    /** H2 collection whose filters on one {@code _id} plus other fields use the id index. */
    static final class IdFirstH2Collection extends H2Collection {
        IdFirstH2Collection(MongoDatabase database, String name, CollectionOptions options,
                            MVMap<Object, Document> data, MVMap<String, Object> meta,
                            CursorRegistry cursorRegistry) {
            super(database, name, options, data, meta, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit,
                                             int batchSize, Document fieldSelector) {
            Document byId = idOnly(query);
            if (byId == null) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            List<Document> found = candidates(super.queryDocuments(byId, null, 0, 0, 0, null));
            return matchDocumentsFromStream(found.stream(), query, orderBy, skip, limit, batchSize,
                fieldSelector);
        }
    }

    /** H2 database of {@link IdFirstH2Collection}s, in the same maps the library uses. */
    static final class IdFirstH2Database extends H2Database {
        /** The one store of this process: the parent constructor opens collections before a
         *  subclass field could be set, so the store is passed this way. */
        static MVStore store;

        IdFirstH2Database(String name, CursorRegistry cursorRegistry) {
            super(name, store, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(name);
            MVMap<Object, Document> data = store.openMap("databases." + fullName);
            MVMap<String, Object> meta = store.openMap("meta." + fullName);
            return new IdFirstH2Collection(this, name, options, data, meta, cursorRegistry);
        }
    }

    /** H2 backend whose acknowledged writes are committed to the file before the reply. */
    static final class CommittingH2Backend extends H2Backend {
        private static final Set<String> WRITES = Set.of(
            "insert", "update", "delete", "findandmodify", "createindexes", "dropindexes",
            "drop", "dropdatabase", "create", "renamecollection");

        CommittingH2Backend(MVStore store) {
            super(store);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new IdFirstH2Database(databaseName, getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            Document response = super.handleCommand(channel, database, command, query);
            if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                commit();
            }
            return response;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: MongoWireServer HOST PORT memory|h2 [FILE]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        MongoBackend backend;
        if ("h2".equals(args[2])) {
            // autoCommitDisabled: this class commits after each write instead of once a second.
            MVStore store = new MVStore.Builder().fileName(args[3]).autoCommitDisabled().open();
            IdFirstH2Database.store = store;
            backend = new CommittingH2Backend(store);
        } else {
            backend = new IdFirstMemoryBackend();
        }
        backend.version(new DeclaredVersion());
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress(host, port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stopped.countDown();
        }));
        System.out.println("mongo-wire server (" + args[2] + ") listening on " + host + ":" + port);
        System.out.flush();
        stopped.await();
    }
}
