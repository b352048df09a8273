/** A byte queue that hands out exact-size slices without re-concatenating on every push. */
export class ChunkBuffer {
  private parts: Buffer[] = [];
  length = 0;

  push(part: Buffer): void {
    if (part.length === 0) return;
    this.parts.push(part);
    this.length += part.length;
  }

  /** Removes and returns the first `n` bytes (or fewer if fewer are queued). */
  take(n: number): Buffer {
    const out: Buffer[] = [];
    let needed = Math.min(n, this.length);
    while (needed > 0) {
      const head = this.parts[0]!;
      if (head.length <= needed) {
        out.push(head);
        this.parts.shift();
        needed -= head.length;
      } else {
        out.push(head.subarray(0, needed));
        this.parts[0] = head.subarray(needed);
        needed = 0;
      }
    }
    const taken = out.length === 1 ? out[0]! : Buffer.concat(out);
    this.length -= taken.length;

    return taken;
  }
}
