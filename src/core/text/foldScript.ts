// Fold traditional characters to simplified, so a search in one script finds the other
// (數字政府 ↔ 数字政府). A deliberately small table of the characters common in government
// text; extend it when a real query misses.
const PAIRS =
  '數数據据務务設设機机關关開开發发團团會会議议這这國国區区實实現现體体係系權权產产' +
  '業业經经濟济電电網网與与為为動动員员門门問问題题辦办處处廳厅書书檔档號号認认證证' +
  '審审確确計计劃划統统級级規规範范標标準准資资訊讯傳传輸输應应營营導导織织組组續续' +
  '將将從从來来時时間间點点進进過过還还邊边專专單单東东們们個个對对內内兩两價价優优' +
  '創创圍围構构調调觀观歷历載载億亿備备復复雜杂條条強强適适質质響响線线雲云縣县鄉乡' +
  '鎮镇廣广場场態态達达樣样隨随節节聯联層层屬属檢检測测監监護护維维運运戰战選选競竞' +
  '爭争協协儲储總总結结綜综覽览館馆類类舉举獲获際际財财稅税軍军黨党紀纪負负責责貿贸費费' +
  '況况識识讓让異异義义眾众礎础獻献環环鏈链滿满勢势擴扩壓压廢废'

export const FOLD_TABLE: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>()
  const chars = Array.from(PAIRS)
  for (let i = 0; i + 1 < chars.length; i += 2) m.set(chars[i]!, chars[i + 1]!)
  return m
})()

export function foldScript(text: string): string {
  let out = ''
  for (const ch of text) out += FOLD_TABLE.get(ch) ?? ch
  return out
}
