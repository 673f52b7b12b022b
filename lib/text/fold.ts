// A name as a Russian keyboard spells it: the Kazakh letters a Russian layout lacks become the Russian letters typed in
// their place (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у, ү→у, һ→х, і→и), ё becomes е, and case does not count. Both the stored
// names (the `*_folded` columns of register_entries, the SQL function `fold_name`, migration 0021) and the words typed
// are folded, so «Нурлан» finds «Нұрлан» and «Нұрлан» finds «Нурлан». Latin transliteration is not folded.
export const foldedFrom = 'әғқңөұүһіё'
export const foldedTo = 'агкноуухие'

const foldMap = new Map([...foldedFrom].map((letter, index) => [letter, foldedTo[index]!]))

export function foldName(text: string): string {
  let folded = ''
  for (const letter of text.toLowerCase()) folded += foldMap.get(letter) ?? letter
  return folded
}
