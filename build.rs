//! Links the reader's executable with packed relative relocations (`DT_RELR`, GNU ld 2.38+,
//! glibc 2.36+). A position-independent executable this size has some 40,000 addresses to
//! fix up as it starts; as a classic relocation table they take 1 MB, which the dynamic loader
//! reads page by page on every start (1 MB of the reader's resident memory, and time before
//! the first screen). Packed, they take 14 KB. The executable stays position-independent.
//! A linker or C library that does not know the option goes on without it: GNU ld warns
//! about an unknown `-z` option and links as before, and it packs only when the C library
//! it links against can read the packed form.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
