/** Bind parameters of one SQL statement: every client value goes through here, never into the SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** How many values are bound so far, to drop what a part of the SQL bound if that part is built again. */
  mark(): number {
    return this.values.length;
  }

  reset(mark: number): void {
    this.values.length = mark;
  }
}
