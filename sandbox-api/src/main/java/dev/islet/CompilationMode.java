package dev.islet;

/** Whether guest code is JIT-compiled or only interpreted (5–40× slower). See the README's JIT recipe. */
public enum CompilationMode {
  /** Truffle's optimizing compiler is active. */
  JIT,
  /** No compiler was found on this JVM: guest code runs in the interpreter. */
  INTERPRETED
}
