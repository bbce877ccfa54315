package org.partnershipatlas.loaders.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;

/**
 * Searches on the latest commit of one index folder, opened when first asked and refreshed before each search: what
 * the sorted listings kept beside the text index ({@link TypeListing}, {@link GuidanceCatalogue}) share.
 */
final class LatestSearcher {
    /** A search that may find the index missing (a null searcher). */
    interface Search<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final Directory directory;
    private SearcherManager searchers;

    LatestSearcher(Directory directory) {
        this.directory = directory;
    }

    /** Runs a search on the latest commit of the index; the searcher is null while the folder has no index yet. */
    <T> T search(Search<T> search) {
        try {
            SearcherManager manager = searchers();
            if (manager == null) {
                return search.apply(null);
            }
            manager.maybeRefreshBlocking();
            IndexSearcher searcher = manager.acquire();
            try {
                return search.apply(searcher);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized SearcherManager searchers() throws IOException {
        if (searchers == null && DirectoryReader.indexExists(directory)) {
            searchers = new SearcherManager(directory, null);
        }
        return searchers;
    }

    /** Closes the searchers; the next search opens them again. */
    synchronized void close() {
        if (searchers != null) {
            try {
                searchers.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            searchers = null;
        }
    }
}
