package dev.parasol.store;

/** Where some deflated sections lie in the stored bytes, and their inflated lengths. */
record BlockSections(int[] at, int[] length, int[] rawLength) {
    static BlockSections readHead(BlockBytes.Reader r, int count, int[] body) {
        int[] at = new int[count];
        int[] length = new int[count];
        int[] raw = new int[count];
        for (int s = 0; s < count; s++) {
            length[s] = r.intVar();
            raw[s] = r.intVar();
            at[s] = body[0];
            body[0] += length[s];
        }
        return new BlockSections(at, length, raw);
    }

    void moveBy(int bodyAt) {
        for (int s = 0; s < at.length; s++) {
            at[s] += bodyAt;
        }
    }

    BlockBytes.Reader inflate(byte[] stored, int s) {
        return BlockBytes.inflated(stored, at[s], length[s], rawLength[s]);
    }
}
