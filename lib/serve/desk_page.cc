// The app's one page: a form, styled inline, without script, so that it
// works with script off and loads nothing from anywhere.
#include "claimtrace/serve.h"

namespace claimtrace {

std::string DeskPage() {
  return R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimtrace: check a press release</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.25rem}
fieldset{border:1px solid #bbb;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
textarea{width:100%;min-height:7rem;font:inherit;box-sizing:border-box}
label{display:block;margin:.5rem 0 .25rem}
button{font:inherit;font-weight:600;padding:.5rem 1.25rem;border-radius:6px;border:1px solid #234;background:#234;color:#fff;cursor:pointer}
.note{color:#555;font-size:.9rem}
</style></head><body>
<h1>Check a press release against its report</h1>
<p class="note">Every quotation and number in the release is traced to the report it cites; what
cannot be traced is flagged. Files stay on this computer: they are checked in memory and
forgotten. Addresses are downloaded by this computer.</p>
<form method="post" action="/check" enctype="multipart/form-data">
<fieldset><legend>1. The press release</legend>
<label for="release_text">Paste its text</label>
<textarea id="release_text" name="release_text" placeholder="Paste the release here"></textarea>
<label for="release">or choose its file (text, Markdown, HTML, Word, RTF, PDF)</label>
<input type="file" id="release" name="release">
<label for="release_url">or give its address</label>
<input type="url" id="release_url" name="release_url" placeholder="https://..." size="60">
</fieldset>
<fieldset><legend>2. The report(s) it cites</legend>
<label for="report">Choose one or more files</label>
<input type="file" id="report" name="report" multiple>
<label for="report_urls">and/or give their addresses, one a line</label>
<textarea id="report_urls" name="report_urls" rows="2" style="min-height:3rem"
placeholder="https://.../report.pdf"></textarea>
</fieldset>
<button type="submit">Check</button>
</form>
</body></html>
)";
}

}  // namespace claimtrace
