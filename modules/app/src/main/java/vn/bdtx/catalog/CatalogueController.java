package vn.bdtx.catalog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import reactor.core.publisher.Mono;

/** /catalogue: the training modules, for everyone logged in. */
@Controller
class CatalogueController {

  private final Catalogue catalogue;

  CatalogueController(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GetMapping("/catalogue")
  Mono<String> list(Model model) {
    return catalogue.all().map(modules -> {
      model.addAttribute("modules", modules);
      return "catalog/modules";
    });
  }
}
