package dev.islet.graal;

import dev.islet.bindings.LocalFiles;
import dev.islet.store.BlobStore;
import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Blob bindings on the embedded directory store: every blob binding test again")
class BlobBindingOnFilesTest extends BlobBindingTest {
  @Override
  protected BlobStore newStore() throws Exception {
    return LocalFiles.blobs(Files.createTempDirectory("islet-blob-test"));
  }
}
