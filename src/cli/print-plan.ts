import { describeSection } from '../pipeline/section-sources.js';
import type { Plan, PlannedFile } from '../pipeline/plan.js';
import { unifiedDiff } from '../write/index.js';
import { writeLine, type OutputStream } from './io.js';

/** A unified diff per document that would change, each hunk naming its section and inputs. */
export async function printStaleDiffs(
  stream: OutputStream,
  plan: Plan,
  files: readonly PlannedFile[],
): Promise<void> {
  for (const file of files) {
    if (!file.merge.changed || file.merge.content === null) continue;
    stream.write(
      await unifiedDiff(file.shownAs, file.existing, file.merge.content, {
        describeSection: (id) => describeSection(plan, file.about, id),
      }),
    );
  }
}

/** Each conflict: where, what the new rendering would change, and the two ways out. */
export function printConflicts(stream: OutputStream, plan: Plan): void {
  for (const file of plan.files) {
    for (const conflict of file.merge.conflicts) {
      writeLine(
        stream,
        `conflict in ${file.shownAs}:${conflict.line} (section ${conflict.sectionId}: ${describeSection(plan, file.about, conflict.sectionId)}): your edit is kept; the new rendering differs:`,
      );
      stream.write(conflict.diff.endsWith('\n') ? conflict.diff : `${conflict.diff}\n`);
      writeLine(
        stream,
        `  keep yours: trackgen accept ${conflict.sectionId}    take the new one: trackgen generate --force ${conflict.sectionId}`,
      );
    }
  }
}
