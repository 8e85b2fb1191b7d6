// Allure 3 report configuration (the `allure` npm package; no Java).
// singleFile: index.html opens by double-click (the default report fetches its data and
// stays on a spinner from file://). groupBy: vendor → service → behaviour id.
import { defineConfig } from "allure";

export default defineConfig({
  name: "sessionprobe conformance",
  output: "./reports/allure-report",
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportName: "sessionprobe conformance",
        reportLanguage: "en",
        groupBy: ["epic", "feature", "story"],
      },
    },
  },
});
