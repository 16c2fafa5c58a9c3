/**
 * Where the instruction sits in the scorer prompt. The first four are OPRO's; `system` sends the
 * instruction as the system message, `template` fills `{{column}}` placeholders from each row.
 */
export type Position = 'Q_begin' | 'Q_end' | 'before_Q' | 'A_begin' | 'system' | 'template';

export const POSITIONS: readonly Position[] = ['Q_begin', 'Q_end', 'before_Q', 'A_begin', 'system', 'template'];
