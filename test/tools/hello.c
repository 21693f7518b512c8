/* Built with musl-gcc: a real musl-linked program for the ELF interpreter tests. */
int main(void) { return 0; }
